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

	/** The first words of the declarations. */
	private static final java.util.Set<String> DECLARATION_WORDS = java.util.Set.of("topology", "site", "subnet", "server",
			"router", "enterprise", "standard", "director", "edge", "mediation", "group", "load", "registrar", "dns");

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
		String first = run.get(0).toLowerCase(java.util.Locale.ROOT);
		String hint = !first.equals(run.get(0)) && DECLARATION_WORDS.contains(first)
				? " Keywords are lower case: write '" + first + "'." : "";
		findings.report(stray, TopologyPackage.eINSTANCE.getStrayText_Token(), "Unexpected '" + String.join(" ", run)
				+ "': a declaration starts with topology, site, subnet, server, router, a pool (enterprise, standard"
				+ " edition, director, edge, mediation, group chat), load balancer, registrar or dns." + hint);
	}
}
