package org.ocs.topology.rules.language;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.Dns;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.MediationPool;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.Site;
import org.ocs.topology.topology.StandardEditionPool;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.VirtualServer;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.Router;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StrayText;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.ocs.topology.parser.Words;
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
		if (stray.eContainer() == null || stray.eContainer() instanceof StrayText) {
			return; // the words inside a stray block are told with it
		}
		INode node = NodeModelUtils.getNode(stray);
		if (node == null) {
			return;
		}
		for (org.eclipse.xtext.nodemodel.ILeafNode leaf : node.getLeafNodes()) {
			if (leaf.getSyntaxErrorMessage() != null) {
				return; // the parser has told this word already ("'SNAT' is not one of the words...")
			}
		}
		// One finding per run of stray words that follow each other (only white space and comments
		// between), on its first: found through the node tree, so a file of thousands of stray
		// words costs no more per word than a clean one.
		ICompositeNode root = node.getRootNode();
		ILeafNode before = Words.before(root, node.getOffset());
		if (before != null && sameRun(before, stray)) {
			return;
		}
		List<String> run = new ArrayList<>();
		for (ILeafNode word = Words.after(root, node.getOffset()); word != null && run.size() <= 6
				&& sameRun(word, stray); word = Words.after(root, word.getEndOffset())) {
			run.add(Words.printable(word.getText()));
		}
		if (run.isEmpty()) {
			return;
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
			message = unexpected + " in " + block(stray.eContainer()) + ".";
		}
		findings.report(stray, TopologyPackage.eINSTANCE.getStrayText_Token(), message);
	}

	/** The block a stray word stands in, and what its lines start with. */
	private static String block(org.eclipse.emf.ecore.EObject container) {
		String pool = "its lines start with servers, load balanced by";
		if (container instanceof Site site) {
			return "site " + site.getName() + ": a site holds subnet, server, router, pool, load balancer and"
				+ " registrar declarations";
		}
		if (container instanceof LoadBalancer balancer) {
			return "load balancer " + balancer.getName() + ": its lines start with self ip, virtual"
				+ " server, forwarding virtual server, default gateway, route, tcp idle timeout or persistence";
		}
		if (container instanceof ForwardingVirtualServer forwarding) {
			return "forwarding virtual server " + forwarding.getName()
				+ ": its lines start with ports or source translation";
		}
		if (container instanceof VirtualServer server) {
			return "virtual server " + server.getName()
				+ ": its lines start with ports, members, source translation or persistence";
		}
		if (container instanceof EnterprisePool enterprise) {
			return "pool " + enterprise.getName()
				+ ": its lines start with front ends, back end, load balanced by or web services";
		}
		if (container instanceof StandardEditionPool standard) {
			return "pool " + standard.getName()
				+ ": its lines start with server, load balanced by or web services";
		}
		if (container instanceof GroupChatPool chat) {
			return "pool " + chat.getName()
				+ ": its lines start with servers, lookup account, database or compliance server";
		}
		if (container instanceof DirectorPool director) {
			return "pool " + director.getName() + ": " + pool + ", web services or next hop";
		}
		if (container instanceof MediationPool mediation) {
			return "pool " + mediation.getName() + ": " + pool + ", web services or next hop";
		}
		if (container instanceof Pool other) {
			return "pool " + other.getName() + ": " + pool + " or web services";
		}
		if (container instanceof Topology header) {
			return "topology " + header.getName()
				+ ": its lines start with product, sip domains, windows or host model";
		}
		if (container instanceof RegistrarSetting registrar) {
			return "the registrar setting: its lines read max endpoints per user N";
		}
		if (container instanceof Dns dns) {
			return "dns: its lines start with A or SRV";
		}
		return container.eClass().getName();
	}

	private static final java.util.Set<String> SERVER_WORDS = java.util.Set.of("interface", "default", "route", "hosts",
			"windows", "host");

	private static final java.util.Set<String> ROUTER_WORDS = java.util.Set.of("interface", "default", "route");

	private static String lowerCase(String lower, String written, java.util.Set<String> words) {
		return !lower.equals(written) && words.contains(lower) ? " Keywords are lower case: write '" + lower + "'." : "";
	}

	/** Whether a word belongs to the stray text of the same block as a stray word (to its run). */
	private static boolean sameRun(ILeafNode word, StrayText stray) {
		EObject owner = NodeModelUtils.findActualSemanticObjectFor(word);
		while (owner instanceof StrayText && owner.eContainer() instanceof StrayText) {
			owner = owner.eContainer(); // a word inside a stray block
		}
		return owner instanceof StrayText && owner.eContainer() == stray.eContainer();
	}

}
