package org.ocs.topology.rules.language;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.StrayText;
import org.ocs.topology.topology.TopologyPackage;

/**
 * syntax-error, for text the grammar keeps as stray tokens between declarations (so that one typo
 * does not stop the parse): one finding per run of stray tokens, on its first. The parser reports
 * the other syntax errors.
 */
public final class StrayTextRule extends DeclarationRule<StrayText> {

	public StrayTextRule() {
		super(StrayText.class);
	}

	@Override
	public void check(StrayText stray, Findings findings) {
		if (!(stray.eContainer() instanceof Model model)) {
			return;
		}
		List<Declaration> declarations = model.getDeclarations();
		int index = declarations.indexOf(stray);
		if (index > 0 && declarations.get(index - 1) instanceof StrayText) {
			return;
		}
		List<String> run = new ArrayList<>();
		for (int i = index; i < declarations.size() && declarations.get(i) instanceof StrayText next && run.size() < 6; i++) {
			run.add(next.getToken());
		}
		findings.report(stray, TopologyPackage.eINSTANCE.getStrayText_Token(), "Unexpected '" + String.join(" ", run)
				+ "': a declaration starts with topology, site, subnet, server, router, a pool (enterprise, standard"
				+ " edition, director, edge, mediation, group chat), load balancer, registrar or dns.");
	}
}
