package org.ocs.topology.rules.pools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.ocs.topology.analysis.routing.IntraPoolService;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.PathRemedies;
import org.ocs.topology.analysis.routing.PathSummary;
import org.ocs.topology.analysis.routing.PoolTraffic;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.PortList;
import org.ocs.topology.topology.Protocol;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.TranslationKind;
import org.ocs.topology.topology.VirtualServer;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.HopData;
import org.ocs.topology.validation.TopologyModel;

/**
 * Front End to Front End traffic of every Enterprise pool, traced once per state of the folder and
 * told one finding per cause and place; the four rules that judge it (hairpin, asymmetric,
 * unreachable, peer unresolved) each report the findings of their verdict.
 */
final class PoolTrafficFindings {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/** One finding, ready to report. */
	private record Told(FlowTrace.Verdict verdict, FlowTrace trace, String message, EObject anchor,
			EStructuralFeature feature, int index, PoolTrafficData data, List<String> hops) {
	}

	private PoolTrafficFindings() {
	}

	/** Reports the findings of the given verdicts (UNREACHABLE also stands for the verdicts no other rule takes). */
	static void report(TopologyModel topology, Findings findings, FlowTrace.Verdict verdict) {
		for (Told told : topology.derived(PoolTrafficFindings.class, () -> all(topology))) {
			FlowTrace.Verdict rule = switch (told.verdict()) {
				case HAIRPIN, ASYMMETRIC, UNRESOLVED -> told.verdict();
				default -> FlowTrace.Verdict.UNREACHABLE;
			};
			if (rule == verdict) {
				TracedFindings.report(findings, told.trace(), told.message(), told.anchor(), told.feature(), told.index(),
						told.data(), told.hops());
			}
		}
	}

	private static List<Told> all(TopologyModel topology) {
		List<Told> all = new ArrayList<>();
		PoolTraffic traffic = new PoolTraffic(topology.network(), topology.trafficMemo());
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			if (pool.getName() == null) {
				continue;
			}
			List<String> members = pool.getMembers().stream().filter(s -> !s.eIsProxy()).map(Server::getName).toList();
			// One finding per cause and place: the pairs one declaration breaks the same way are told together.
			Map<List<Object>, List<PoolTraffic.PairFinding>> byCause = new LinkedHashMap<>();
			List<PoolTraffic.PairFinding> pairs = new ArrayList<>(traffic.check(pool.getName(), members,
					IntraPoolService.FRONT_END_TO_FRONT_END));
			pairs.sort(Comparator.comparing(PoolTraffic.PairFinding::from).thenComparing(PoolTraffic.PairFinding::to));
			for (PoolTraffic.PairFinding finding : pairs) {
				byCause.computeIfAbsent(causeKey(finding), k -> new ArrayList<>()).add(finding);
			}
			for (List<PoolTraffic.PairFinding> group : byCause.values()) {
				PoolTraffic.PairFinding first = group.get(0);
				all.add(told(group, first.cause() instanceof EObject cause ? cause : pool, pool));
			}
		}
		return all;
	}

	/**
	 * What makes two pairs' findings one: the same verdict on the same services, caused by the same
	 * declaration, resting on the same assumptions; where the finding's quick fixes act on the peer
	 * (a hosts entry, an A record), the same peer and remedy too, and where no declaration is the
	 * cause, the same peer (the finding then sits on it in the pool's member list).
	 */
	private static List<Object> causeKey(PoolTraffic.PairFinding finding) {
		FlowTrace trace = finding.trace();
		boolean perPeer = finding.cause() == null || finding.verdict() != FlowTrace.Verdict.UNREACHABLE;
		return Arrays.asList(finding.verdict(), finding.cause() == null ? null : new TracedFindings.Identity(finding.cause()),
				finding.services(), perPeer ? finding.to() : null,
				perPeer ? String.valueOf(finding.peerSameSubnetAddress()) : null,
				trace.resolution() == null ? null : trace.resolution().method(), trace.problemRestsOnAssumption(),
				trace.assumption(), trace.assumedRouters());
	}

	/** "from fe1 to fe2", "from fe1 and fe3 to fe2", "from fe1 to fe2, from fe2 to fe1". */
	private static String pairsText(List<PoolTraffic.PairFinding> group) {
		Map<String, List<String>> sendersByPeer = new LinkedHashMap<>();
		group.forEach(f -> sendersByPeer.computeIfAbsent(f.to(), t -> new ArrayList<>()).add(f.from()));
		List<String> parts = new ArrayList<>();
		sendersByPeer.forEach((to, senders) -> parts.add("from " + Describe.andList(senders) + " to " + to));
		return String.join(", ", parts);
	}

	private static Told told(List<PoolTraffic.PairFinding> group, EObject anchor, EnterprisePool pool) {
		PoolTraffic.PairFinding finding = group.get(0);
		boolean one = group.size() == 1;
		String services = finding.services().stream().map(IntraPoolService::label).collect(Collectors.joining(", "));
		String pair = services + " " + pairsText(group) + " (pool " + finding.pool() + ")";
		String path = PathSummary.of(finding.trace()) + (one ? "" : " (the first of " + group.size() + ")");
		String between = one ? "between the two Front Ends" : "between these Front Ends";
		String message;
		switch (finding.verdict()) {
			case HAIRPIN -> message = pair + (one ? " goes" : " go")
					+ " through the load balancer, which replaces the sender's address: " + path + ". "
					+ (finding.breaksSourceCheckedService()
							? "Response Group rejects it as an unauthorized host: clients see \"This service is"
									+ " temporarily unavailable\"."
							: "The peer cannot tell which Front End is calling.");
			case ASYMMETRIC -> {
				// Said once: where the path already tells of the half connection (a balancer dropped the
				// reply for want of a connection entry), the consequence alone follows.
				FlowTrace trace = finding.trace();
				boolean told = trace.cause() == FlowTrace.Cause.REPLY_DROPPED
						&& trace.reply().drop().dropReason() == Hop.DropReason.NO_CONNECTION_ENTRY;
				message = pair + (one ? " and its reply take" : " and their replies take") + " different paths: " + path
						+ (told ? ". So these services fail " + between + "."
								: ". A balancer that sees half a connection drops it, so these services fail " + between + ".");
			}
			case UNRESOLVED -> message = finding.to() + " resolves to nothing for "
					+ Describe.andList(group.stream().map(PoolTraffic.PairFinding::from).toList()) + " (pool "
					+ finding.pool() + "): no hosts-file entry and no DNS A record, so the Front Ends cannot reach each"
					+ " other by name and their traffic is not checked. Add an A record for " + finding.to() + ".";
			default -> {
				// The one-line path says why: a drop ends it with its reason, a failed reply is told after it.
				// A request delivered elsewhere than to the peer gets its explanation here.
				boolean delivered = finding.trace().request() != null && finding.trace().request().delivered();
				message = pair + " cannot get through: " + path
						+ (delivered && finding.trace().reply() == null ? "; " + TraceText.explanation(finding.trace()) : "")
						+ ". These services fail " + between + ".";
			}
		}
		PoolTrafficData data = new PoolTrafficData(finding.verdict(), finding.pool(),
				group.stream().map(f -> new PoolTrafficData.Pair(f.from(), f.to())).toList(),
				finding.peerSameSubnetAddress() == null ? null : finding.peerSameSubnetAddress().toString(),
				finding.trace().resolution() == null ? null : finding.trace().resolution().method().name());
		// The reply's hops only where the reply is the problem (a hairpin's reply is the request's way back).
		List<Hop> hops = finding.verdict() == FlowTrace.Verdict.HAIRPIN ? finding.trace().request().hops()
				: finding.trace().allHops();
		EStructuralFeature feature = TracedFindings.anchorFeature(anchor);
		int index = Findings.WHOLE_FEATURE;
		if (anchor == pool) {
			index = indexOfMember(pool, finding.to());
			feature = index >= 0 ? P.getPool_Members() : feature;
			index = index >= 0 ? index : Findings.WHOLE_FEATURE;
		}
		return new Told(finding.verdict(), finding.trace(), message, anchor, feature, index, data,
				TracedFindings.hops(hops));
	}

	private static int indexOfMember(EnterprisePool pool, String name) {
		for (int i = 0; i < pool.getMembers().size(); i++) {
			Server member = pool.getMembers().get(i);
			if (!member.eIsProxy() && name.equalsIgnoreCase(member.getName())) {
				return i;
			}
		}
		return -1;
	}

	// ------------------------------------------------------------ remedies of a hairpin or asymmetric path

	static List<Remedy> remedies(RemedySite site) {
		PoolTrafficData data = site.data(PoolTrafficData.class);
		if (data == null) {
			return List.of();
		}
		List<Remedy> remedies = new ArrayList<>();
		List<String> from = data.senders();
		String to = data.peer();
		String sameSubnet = data.peerSameSubnetAddress();
		String method = data.resolution();
		if (sameSubnet != null) {
			// A hosts entry is the fix when DNS misleads; when the sender's hosts file already names the
			// peer, that entry is pointed at the right address instead (a second one would not help).
			List<Server> senders = from.stream().map(name -> serverNamed(site.folder(), name)).toList();
			if (!senders.contains(null) && !"HOSTS_FILE".equals(method)) {
				// Safe: it changes only how the senders resolve their peer; DNS and the balancer, which
				// every client uses, stay as they are.
				List<Remedy.Edit> edits = senders.stream()
						.<Remedy.Edit>map(sender -> new Remedy.InsertIntoBlock(sender, List.of("hosts " + to + " -> " + sameSubnet)))
						.toList();
				remedies.add(new Remedy("Add a hosts entry on " + Describe.andList(from) + ": " + to + " -> " + sameSubnet,
						true, edits));
			}
			if ("DNS".equals(method) && site.object() instanceof ARecord record) {
				remedies.add(Remedy.of("Point the A record of " + record.getHost() + " at " + sameSubnet + " (its address on "
						+ (from.size() == 1 ? from.get(0) + "'s subnet" : "the senders' subnet") + ")",
						new Remedy.ReplaceFeature(record, P.getARecord_Address(), sameSubnet)));
			}
			if ("HOSTS_FILE".equals(method) && site.object() instanceof HostsEntry entry) {
				remedies.add(Remedy.of("Point the hosts entry of " + entry.getHostName() + " at " + sameSubnet,
						new Remedy.ReplaceFeature(entry, P.getHostsEntry_Address(), sameSubnet)));
			}
		}
		remedies.addAll(pathRemedies(site));
		// Keep the source address where the balancer translates it, as the trace shows.
		for (HopData hop : site.hops()) {
			EObject declaration = site.resolve(hop.objectUri());
			VirtualServer vs = EcoreUtil2.getContainerOfType(declaration, VirtualServer.class);
			if (vs == null || !(declaration instanceof SourceTranslation || declaration instanceof VirtualServer)) {
				continue;
			}
			String label = vs instanceof ForwardingVirtualServer
					? "Keep the source address on forwarding virtual server " + vs.getName() + " (source translation none)"
					: "Keep the source address on virtual server " + vs.getName()
							+ " (source translation none; Microsoft supports only SNAT on an OCS 2007 R2 pool VIP)";
			if (declaration instanceof SourceTranslation translation && translation.getKind() != TranslationKind.NONE) {
				remedies.add(Remedy.of(label, new Remedy.ReplaceFeature(translation, P.getSourceTranslation_Kind(), "none")));
			}
			break;
		}
		return remedies;
	}

	/**
	 * The network changes the analysis proved for the finding: a route on a server, a forwarding
	 * virtual server, a port on one. Offered, not applied unasked: which path is meant is the
	 * network team's call.
	 */
	static List<Remedy> pathRemedies(RemedySite site) {
		PoolTrafficData data = site.data(PoolTrafficData.class);
		List<Remedy> remedies = new ArrayList<>();
		if (data == null || data.pool() == null
				|| data.verdict() != FlowTrace.Verdict.ASYMMETRIC && data.verdict() != FlowTrace.Verdict.UNREACHABLE) {
			return remedies;
		}
		for (List<PathRemedies.Change> fixes : provenChanges(site.folder(), data)) {
			List<String> said = new ArrayList<>();
			List<Remedy.Edit> edits = new ArrayList<>();
			// The forwarding virtual servers of one balancer go in as one insertion, so they land in order.
			Map<LoadBalancer, List<String>> forwarding = new LinkedHashMap<>();
			Map<LoadBalancer, List<String>> names = new LinkedHashMap<>();
			// The ports one forwarding virtual server lacks go onto its line together.
			Map<ForwardingVirtualServer, List<Integer>> ports = new LinkedHashMap<>();
			for (PathRemedies.Change fix : fixes) {
				switch (fix.kind()) {
					case ROUTE -> {
						Server server = serverNamed(site.folder(), fix.device());
						if (server == null) {
							return List.of();
						}
						said.add("on " + server.getName() + " route " + fix.destination() + " via " + fix.via()
								+ (fix.via().toString().equals(fix.viaDevice()) ? "" : " (" + fix.viaDevice() + ")"));
						edits.add(new Remedy.InsertIntoBlock(server, List.of("route " + fix.destination() + " via " + fix.via())));
					}
					case FORWARDING -> {
						LoadBalancer balancer = balancerNamed(site.folder(), fix.device());
						if (balancer == null) {
							return List.of();
						}
						List<String> taken = names.computeIfAbsent(balancer, b -> new ArrayList<>());
						String name = forwardingName(balancer, fix.destination().toString(), taken);
						taken.add(name);
						said.add("on " + balancer.getName() + " forwarding virtual server " + name + " for " + fix.destination());
						forwarding.computeIfAbsent(balancer, b -> new ArrayList<>()).addAll(List.of(
								"forwarding virtual server " + name + " " + fix.destination() + " {", "    source translation none", "}"));
					}
					case FORWARDING_PORT -> {
						LoadBalancer balancer = balancerNamed(site.folder(), fix.device());
						ForwardingVirtualServer vs = balancer == null ? null : balancer.getVirtualServers().stream()
								.filter(ForwardingVirtualServer.class::isInstance).map(ForwardingVirtualServer.class::cast)
								.filter(v -> fix.virtualServer().equals(v.getName())).findFirst().orElse(null);
						if (vs == null) {
							return List.of();
						}
						ports.computeIfAbsent(vs, v -> new ArrayList<>()).add(fix.port());
					}
				}
			}
			forwarding.forEach((balancer, lines) -> edits.add(new Remedy.InsertIntoBlock(balancer, lines)));
			ports.forEach((vs, numbers) -> {
				String list = String.join(", ", numbers.stream().map(String::valueOf).toList());
				said.add("TCP " + list + " on forwarding virtual server " + vs.getName() + " of "
						+ ((LoadBalancer) vs.eContainer()).getName());
				PortList tcp = vs.getPorts().stream().filter(l -> l.getProtocol() == Protocol.TCP && !l.getNumbers().isEmpty())
						.findFirst().orElse(null);
				edits.add(tcp != null ? new Remedy.AppendToFeature(tcp, P.getPortList_Numbers(), ", " + list)
						: new Remedy.InsertIntoBlock(vs, List.of("ports tcp " + list)));
			});
			boolean routes = fixes.stream().allMatch(f -> f.kind() == PathRemedies.Kind.ROUTE);
			remedies.add(new Remedy("Add " + String.join("; ", said)
					+ (routes ? ": the traffic then goes back the way it came" : ": the balancer then routes it, keeping the source address"),
					false, edits));
		}
		return remedies;
	}

	/**
	 * The changes proven to mend the finding, worked out when a fix is asked for rather than on every
	 * validation: the finding's pairs are traced again from the folder as it is, and each candidate
	 * set is proven on a copy of the network (see {@link PathRemedies}).
	 */
	private static List<List<PathRemedies.Change>> provenChanges(List<Model> folder, PoolTrafficData data) {
		TopologyModel topology = TopologyModel.of(folder);
		Map<String, List<String>> pools = new LinkedHashMap<>();
		for (EnterprisePool pool : topology.all(EnterprisePool.class)) {
			if (pool.getName() != null) {
				pools.putIfAbsent(pool.getName(), pool.getMembers().stream().filter(s -> !s.eIsProxy()).map(Server::getName).toList());
			}
		}
		List<String> members = pools.get(data.pool());
		if (members == null) {
			return List.of();
		}
		List<IntraPoolService> services = IntraPoolService.FRONT_END_TO_FRONT_END;
		List<PoolTraffic.PairFinding> group = new PoolTraffic(topology.network()).check(data.pool(), members, services).stream()
				.filter(f -> f.verdict() == data.verdict() && data.pairs() != null && data.pairs().stream()
						.anyMatch(p -> p.from().equalsIgnoreCase(f.from()) && p.to().equalsIgnoreCase(f.to())))
				.toList();
		return group.isEmpty() ? List.of() : new PathRemedies(topology.network(), pools, services).forFinding(group);
	}

	/** "forward-198-51-100-128-25", with a number where the balancer already has that name. */
	private static String forwardingName(LoadBalancer balancer, String destination, List<String> added) {
		String base = "forward-" + destination.replace('.', '-').replace('/', '-');
		String name = base;
		for (int i = 2; taken(balancer, name) || added.contains(name); i++) {
			name = base + "-" + i;
		}
		return name;
	}

	private static boolean taken(LoadBalancer balancer, String name) {
		return balancer.getVirtualServers().stream().anyMatch(v -> name.equalsIgnoreCase(v.getName()));
	}

	private static LoadBalancer balancerNamed(List<Model> folder, String name) {
		for (Model model : folder) {
			for (LoadBalancer balancer : EcoreUtil2.getAllContentsOfType(model, LoadBalancer.class)) {
				if (name.equalsIgnoreCase(balancer.getName())) {
					return balancer;
				}
			}
		}
		return null;
	}

	private static Server serverNamed(List<Model> folder, String name) {
		for (Model model : folder) {
			for (Server server : EcoreUtil2.getAllContentsOfType(model, Server.class)) {
				if (name.equalsIgnoreCase(server.getName())) {
					return server;
				}
			}
		}
		return null;
	}
}
