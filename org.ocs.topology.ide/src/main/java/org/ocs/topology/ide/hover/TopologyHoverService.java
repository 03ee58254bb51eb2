package org.ocs.topology.ide.hover;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.hover.HoverContext;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.registrar.LookupRegistrations;
import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.NameResolver;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.Pool;
import org.ocs.topology.topology.RegistrarPool;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.Site;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

import com.google.inject.Inject;

/**
 * Hover shows what the analysis knows of the object under the cursor: a server's interfaces,
 * routes and how every other server resolves its FQDN; a pool's members and the MPOP limit in
 * force with its scope; a balancer's self IPs and virtual servers; who owns an address.
 */
public class TopologyHoverService extends HoverService {

	@Inject
	private TopologyFolder folder;

	@Override
	protected String getKind(HoverContext context) {
		return "markdown";
	}

	@Override
	public String getContents(EObject element) {
		if (element == null || element.eResource() == null) {
			return super.getContents(element);
		}
		// The folder as it is now: hover is rare enough to build it per request, and nothing is shared
		// between concurrent requests.
		TopologyModel topology = TopologyModel.of(folder.modelsOf(element.eResource()));
		StringBuilder text = new StringBuilder();
		if (element instanceof Server server) {
			server(server, text, topology);
		} else if (element instanceof Pool pool) {
			pool(pool, text, topology);
		} else if (element instanceof LoadBalancer balancer) {
			balancer(balancer, text, topology);
		} else if (element instanceof NetworkInterface || element instanceof SelfIp || element instanceof ARecord
				|| element instanceof HostsEntry || element instanceof DefaultGateway || element instanceof StaticRoute
				|| element instanceof StandardVirtualServer) {
			address(element, text, topology);
		} else {
			return super.getContents(element);
		}
		return text.toString();
	}

	private static void server(Server server, StringBuilder text, TopologyModel topology) {
		text.append("**Server** `").append(server.getName()).append("`\n\n");
		NetworkView view = topology.network();
		NetworkView.Host host = view.host(server.getName()).orElse(null);
		if (host == null) {
			return;
		}
		for (NetworkView.Nic nic : host.nics()) {
			text.append("- interface ").append(nic.label() == null ? "" : nic.label() + " ").append(nic.address())
					.append(" on ").append(nic.network().networkCidr()).append('\n');
		}
		for (NetworkView.Route route : host.routes()) {
			text.append("- ").append(route.isDefault() ? "default gateway " + route.nextHop()
					: "route " + route.destination() + " via " + route.nextHop()).append('\n');
		}
		host.hostsFile().values().forEach(entries -> entries.forEach(e -> text.append("- hosts file: ").append(e.name())
				.append(" -> ").append(e.address()).append('\n')));
		text.append("\n**").append(server.getName()).append(" resolves to**, for each server:\n\n");
		NameResolver resolver = new NameResolver(view);
		for (Server other : topology.all(Server.class)) {
			if (other == server || other.getName() == null) {
				continue;
			}
			view.host(other.getName()).ifPresent(from -> {
				List<Resolution> resolutions = resolver.resolve(from, server.getName());
				text.append("- ").append(other.getName()).append(": ").append(resolutions.isEmpty() ? "nothing"
						: resolutions.stream().map(r -> r.address() + (r.method() == Resolution.Method.HOSTS_FILE
								? " (hosts file)" : " (DNS)")).collect(Collectors.joining(", ")))
						.append('\n');
			});
		}
	}

	private static void pool(Pool pool, StringBuilder text, TopologyModel topology) {
		text.append("**").append(Describe.kindOf(pool.eClass())).append("** `").append(pool.getName()).append("`\n\n");
		String members = pool.getMembers().stream().filter(s -> !s.eIsProxy()).map(Server::getName)
				.collect(Collectors.joining(", "));
		text.append("- members: ").append(members.isEmpty() ? "none" : members).append('\n');
		if (pool instanceof RegistrarPool) {
			Site site = EcoreUtil2.getContainerOfType(pool, Site.class);
			LookupRegistrations.Limit limit = LookupRegistrations.limitFor(pool.getName(),
					site == null ? null : site.getName(), topology.registrarSettings(), topology.product());
			text.append("- MPOP (maximum endpoints per user) in force: **").append(limit.value()).append("**, from ")
					.append(limit.describe()).append('\n');
		}
		if (pool instanceof GroupChatPool chat && chat.getLookupAccount() != null) {
			lookupAccount(chat.getLookupAccount(), text, topology);
		}
		if (topology.product() != null) {
			text.append("- product: ").append(topology.product().displayName()).append('\n');
		}
	}

	/**
	 * The account's registrations counted as the lookup-over-mpop rule counts them (every Group Chat
	 * pool sharing the account, each server once, against its home pool's limit in force).
	 */
	private static void lookupAccount(LookupAccount account, StringBuilder text, TopologyModel topology) {
		text.append("- Lookup account ").append(account.getUri()).append(": ");
		LookupRegistrations.Registrations registrations = LookupRegistrations
				.count(topology.lookupUses(), topology.registrarSettings(), topology.product()).stream()
				.filter(r -> r.uses().contains(account)).findFirst().orElse(null);
		if (registrations == null) {
			text.append("not counted, its home pool is not declared\n");
			return;
		}
		text.append(registrations.count()).append(registrations.count() == 1 ? " registration" : " registrations")
				.append(" (").append(registrations.servers().size()).append(" Lookup services")
				.append(registrations.otherEndpoints() > 0 ? ", plus " + registrations.otherEndpoints() + " other" : "")
				.append("); limit of home pool ").append(registrations.homePool()).append(": ")
				.append(registrations.limit().value()).append(", from ").append(registrations.limit().describe())
				.append(registrations.overLimit() ? " (**over the limit**)" : "").append('\n');
	}

	private static void balancer(LoadBalancer balancer, StringBuilder text, TopologyModel topology) {
		text.append("**Load balancer** `").append(balancer.getName()).append("`\n\n");
		topology.network().balancer(balancer.getName()).ifPresent(b -> {
			b.nics().forEach(nic -> text.append("- self IP ").append(nic.address()).append(nic.floating() ? " (floating)" : "")
					.append(" on ").append(nic.network().networkCidr()).append('\n'));
			b.virtualServers().forEach(vs -> text.append("- ").append(vs.forwarding() ? "forwarding virtual server " : "virtual server ")
					.append(vs.name()).append(' ').append(vs.forwarding() ? (vs.destination() == null ? "any" : vs.destination())
							: vs.vip())
					.append(vs.tcpPorts() == null ? ", every port" : ", TCP " + vs.tcpPorts().stream().sorted().map(String::valueOf)
							.collect(Collectors.joining(" ")))
					.append(", source translation ").append(vs.translation().name().toLowerCase())
					.append(vs.members().isEmpty() ? "" : ", members " + String.join(", ", vs.members())).append('\n'));
		});
		text.append("- TCP idle timeout: ").append(balancer.getIdleTimeout() == 0 ? "not declared" : balancer.getIdleTimeout() + " s")
				.append('\n');
	}

	private static void address(EObject element, StringBuilder text, TopologyModel topology) {
		String written = null;
		if (element instanceof NetworkInterface nic) {
			written = nic.getAddress();
		} else if (element instanceof SelfIp selfIp) {
			written = selfIp.getAddress();
		} else if (element instanceof ARecord record) {
			written = record.getAddress();
		} else if (element instanceof HostsEntry entry) {
			written = entry.getAddress();
		} else if (element instanceof DefaultGateway gateway) {
			written = gateway.getAddress();
		} else if (element instanceof StaticRoute route) {
			written = route.getNextHop();
		} else if (element instanceof StandardVirtualServer vs) {
			written = vs.getAddress();
		}
		text.append("**").append(Describe.capitalize(Describe.of(element))).append("**\n\n");
		AddressText parsed = AddressText.parse(written);
		if (!parsed.isValid()) {
			text.append(written).append(' ').append(parsed.reason()).append('\n');
			return;
		}
		NetworkView view = topology.network();
		text.append("- ").append(parsed.address()).append(" is owned by ").append(view.ownerOf(parsed.address())
				.map(d -> (d instanceof NetworkView.Balancer ? "load balancer " : "server ") + d.name())
				.orElse("no declared server or balancer (a router, or nothing)")).append('\n');
	}
}
