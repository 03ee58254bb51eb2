package org.ocs.topology.rules.language;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.Router;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StrayText;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
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
		if (stray.eContainer() == null || stray.eContainer() instanceof StrayText
				|| !(stray.eContainer().eGet(stray.eContainingFeature()) instanceof List<?> siblings)) {
			return; // the words inside a stray block are told with it
		}
		int index = siblings.indexOf(stray);
		if (index > 0 && siblings.get(index - 1) instanceof StrayText previous && adjacent(previous, stray)) {
			return;
		}
		// One finding per run: the stray tokens that follow each other in the text.
		List<String> run = new ArrayList<>();
		StrayText last = null;
		for (int i = index; i < siblings.size() && siblings.get(i) instanceof StrayText next && run.size() < 6
				&& (last == null || adjacent(last, next)); i++) {
			tokens(next, run);
			last = next;
		}
		String first = run.get(0).toLowerCase(java.util.Locale.ROOT);
		String unexpected = "Unexpected '" + String.join(" ", run.subList(0, Math.min(6, run.size())))
				+ (run.size() > 6 ? " ..." : "") + "'";
		String message;
		if (stray.eContainer() instanceof Model) {
			String hint = !first.equals(run.get(0)) && DECLARATION_WORDS.contains(first)
					? " Keywords are lower case: write '" + first + "'." : "";
			message = unexpected + ": a declaration starts with topology, site, subnet, server, router, a pool (enterprise,"
					+ " standard edition, director, edge, mediation, group chat), load balancer, registrar or dns." + hint;
		} else if (stray.eContainer() instanceof Server server) {
			message = unexpected + " in server " + server.getName() + ": a server's lines start with interface, default"
					+ " gateway, route, hosts, windows or host model." + lowerCase(first, run.get(0), SERVER_WORDS);
		} else if (stray.eContainer() instanceof Router router) {
			message = unexpected + " in router " + router.getName() + ": a router's lines start with interface, default"
					+ " gateway or route." + lowerCase(first, run.get(0), ROUTER_WORDS);
		} else {
			message = unexpected + ".";
		}
		findings.report(stray, TopologyPackage.eINSTANCE.getStrayText_Token(), message);
	}

	private static final java.util.Set<String> SERVER_WORDS = java.util.Set.of("interface", "default", "route", "hosts",
			"windows", "host");

	private static final java.util.Set<String> ROUTER_WORDS = java.util.Set.of("interface", "default", "route");

	private static String lowerCase(String lower, String written, java.util.Set<String> words) {
		return !lower.equals(written) && words.contains(lower) ? " Keywords are lower case: write '" + lower + "'." : "";
	}

	/** The words of a stray text, a stray block's inner ones and its closing brace included. */
	private static void tokens(StrayText stray, List<String> into) {
		into.add(stray.getToken());
		if (!stray.getInner().isEmpty() || "{".equals(stray.getToken())) {
			stray.getInner().forEach(inner -> tokens(inner, into));
			into.add("}");
		}
	}

	/** Whether only white space and comments lie between two stray tokens. */
	private static boolean adjacent(StrayText before, StrayText after) {
		INode first = NodeModelUtils.getNode(before);
		INode second = NodeModelUtils.getNode(after);
		if (first == null || second == null) {
			return true;
		}
		if (second.getOffset() < first.getEndOffset()) {
			return true;
		}
		String between = first.getRootNode().getText().substring(first.getEndOffset() - first.getRootNode().getOffset(),
				second.getOffset() - first.getRootNode().getOffset());
		return COMMENTS.matcher(between).replaceAll("").isBlank();
	}

	private static final java.util.regex.Pattern COMMENTS = java.util.regex.Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
}
