package org.ocs.topology.ide.contentassist;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.services.TopologyGrammarAccess;

import com.google.inject.Inject;

/**
 * Keyword and name completion from Xtext, plus templates where a server, an Enterprise pool, a
 * load balancer or a Group Chat pool can start: the whole declaration with the lines a real one
 * needs, as an LSP snippet.
 */
public class TopologyContentProposalProvider extends IdeContentProposalProvider {

	private record Template(String label, String description, String snippet) {
	}

	private Map<Keyword, Template> templates;

	/**
	 * The template's VIP ports: those every OCS 2007 R2 pool VIP needs, then the feature ports of
	 * Response Group and the conferencing and voice features (TechNet dd572362).
	 */
	private static final String POOL_VIP_PORTS = Stream
			.concat(ProductGeneration.OCS_2007_R2.requiredPoolVipPorts().stream(),
					ProductGeneration.OCS_2007_R2.featurePoolVipPorts().stream())
			.map(port -> String.valueOf(port.number())).collect(Collectors.joining(", "));

	@Inject
	private void templates(TopologyGrammarAccess grammar) {
		templates = new LinkedHashMap<>();
		templates.put(grammar.getServerAccess().getServerKeyword_0(), new Template("server (template)",
				"A server with an interface on a subnet and its default gateway",
				"server ${1:fe1.contoso.com} {\n    interface ${2:192.0.2.10} on ${3:servers}\n"
						+ "    default gateway ${4:192.0.2.1}\n}"));
		templates.put(grammar.getEnterprisePoolAccess().getEnterpriseKeyword_0(), new Template(
				"enterprise pool (template)", "An Enterprise pool behind a hardware load balancer VIP",
				"enterprise pool ${1:pool1.contoso.com} {\n    front ends ${2:fe1.contoso.com}, ${3:fe2.contoso.com}\n"
						+ "    load balanced by vip ${4:pool-vip}\n    back end ${5:sql1.contoso.com}\n}"));
		templates.put(grammar.getLoadBalancerAccess().getLoadKeyword_0(), new Template("load balancer (template)",
				"A hardware load balancer with a pool VIP carrying the pool's ports, SNAT and a "
						+ DomainLimits.MIN_LB_TCP_IDLE_TIMEOUT_SECONDS + " s idle timeout",
				"load balancer ${1:f5} {\n    self ip ${2:192.0.2.2} on ${3:servers}\n"
						+ "    virtual server ${4:pool-vip} ${5:203.0.113.10} {\n"
						+ "        ports tcp " + POOL_VIP_PORTS + "\n"
						+ "        members pool ${6:pool1.contoso.com}\n        source translation automap\n    }\n"
						+ "    tcp idle timeout " + DomainLimits.MIN_LB_TCP_IDLE_TIMEOUT_SECONDS + "\n}"));
		templates.put(grammar.getGroupChatPoolAccess().getGroupKeyword_0(), new Template("group chat pool (template)",
				"A Group Chat pool whose Lookup services share one SIP account",
				"group chat pool ${1:chat} {\n    servers ${2:gc1.contoso.com}\n"
						+ "    lookup account sip:${3:ocschat}@${4:contoso.com} homed on ${5:pool1.contoso.com}\n"
						+ "    database ${6:sql1.contoso.com}\n}"));
	}

	@Override
	protected void _createProposals(Keyword keyword, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		super._createProposals(keyword, context, acceptor);
		Template template = templates.get(keyword);
		if (template != null) {
			ContentAssistEntry entry = getProposalCreator().createSnippet(template.snippet(), template.label(), context);
			if (entry != null) {
				entry.setDescription(template.description());
				acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
			}
		}
	}
}
