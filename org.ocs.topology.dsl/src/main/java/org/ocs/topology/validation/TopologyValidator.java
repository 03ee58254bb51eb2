package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import java.lang.reflect.Method;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.Exceptions;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.FeatureBasedDiagnostic;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.IssueData;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.StrayText;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.TranslationKind;

import com.google.inject.Inject;

/**
 * Translates the model into the analysis core's terms and the core's findings into diagnostics.
 * Every check tolerates a half-typed model: missing values and unresolved references are skipped,
 * since the parser and linker already report them.
 */
public class TopologyValidator extends AbstractTopologyValidator {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/** How a written address may carry a prefix length. */
	private enum AddressUse {
		/** A host on a network: the prefix is optional (a subnet may give it). */
		HOST,
		/** A single address (gateway, VIP, record): a prefix is wrong. */
		SINGLE,
		/** A network (subnet, route destination): the prefix is required. */
		NETWORK
	}

	@Inject
	private TopologyFolder folder;

	@Inject
	private FolderAnalysis folderAnalysis;

	/**
	 * Fail closed. Xtext calls each {@code @Check} method through a wrapper that drops a
	 * NullPointerException silently and lets any other exception escape, which aborts the
	 * validation of the rest of the file (the resource validator then only logs it). Here a check
	 * that throws reports one {@code internal-error} finding on the declaration it was checking,
	 * and the other checks go on.
	 */
	@Override
	protected MethodWrapper createMethodWrapper(AbstractDeclarativeValidator instance, Method method) {
		return new MethodWrapper(instance, method) {
			@Override
			public void invoke(State state) {
				try {
					CheckFailures.injectFault(method.getName());
				} catch (CheckFailures.InjectedFault fault) {
					handleInvocationTargetException(fault, state);
					return;
				}
				super.invoke(state);
			}

			@Override
			protected void handleInvocationTargetException(Throwable failure, State state) {
				// guard(false) skips a check on purpose (its exception class is package-private).
				if (failure.getClass().getName().equals("org.eclipse.xtext.validation.GuardException")) {
					return;
				}
				if (!CheckFailures.isCheckFailure(failure)) {
					Exceptions.throwUncheckedException(failure);
				}
				EObject object = state.currentObject;
				Resource resource = object == null ? null : object.eResource();
				CheckFailures.log(method.getName(), resource, failure);
				if (state.chain != null) {
					CheckType type = state.currentCheckType != null ? state.currentCheckType : CheckType.FAST;
					state.chain.add(new FeatureBasedDiagnostic(Diagnostic.ERROR,
							CheckFailures.message(method.getName(), resource, failure), object, null,
							ValidationMessageAcceptor.INSIGNIFICANT_INDEX, type, Rule.INTERNAL_ERROR.id()));
					state.hasErrors = true;
				}
			}
		};
	}

	// ------------------------------------------------------------ the rules, one class each

	/**
	 * Runs every rule that checks objects of this one's type. Fail closed per rule: a rule that
	 * throws reports one {@code internal-error} finding on the object, naming the rule, and the
	 * other rules still run.
	 */
	@Check
	public void checkRules(EObject object) {
		for (DeclarationRule<?> rule : Rule.declarationRules()) {
			if (rule.type().isInstance(object)) {
				run(rule, object);
			}
		}
	}

	private <T extends EObject> void run(DeclarationRule<T> rule, EObject object) {
		String check = rule.rule().id();
		try {
			CheckFailures.injectFault(check);
			rule.check(rule.type().cast(object), new DeclarationFindings(rule.rule()));
		} catch (RuntimeException | Error failure) {
			if (!CheckFailures.isCheckFailure(failure)) {
				throw failure;
			}
			CheckFailures.log(check, object.eResource(), failure);
			getMessageAcceptor().acceptError(CheckFailures.message(check, object.eResource(), failure), object, null,
					ValidationMessageAcceptor.INSIGNIFICANT_INDEX, Rule.INTERNAL_ERROR.id());
		}
	}

	/** A rule's findings on the file being validated, at the catalogue's severity. */
	private final class DeclarationFindings implements Findings {
		private final Rule rule;

		DeclarationFindings(Rule rule) {
			this.rule = rule;
		}

		@Override
		public void report(EObject object, EStructuralFeature feature, int index, String message, Record data,
				List<String> hops, boolean restsOnAssumption) {
			Severity severity = restsOnAssumption && rule.severity() == Severity.ERROR ? Severity.WARNING : rule.severity();
			TopologyValidator.this.report(rule, severity, message, object, feature, index, IssueData.encode(data, hops));
		}

		@Override
		public void reportRange(EObject object, int offset, int length, String message, Record data) {
			String[] encoded = IssueData.encode(data, List.of());
			switch (rule.severity()) {
				case ERROR -> getMessageAcceptor().acceptError(message, object, offset, length, rule.id(), encoded);
				case WARNING -> getMessageAcceptor().acceptWarning(message, object, offset, length, rule.id(), encoded);
				default -> getMessageAcceptor().acceptInfo(message, object, offset, length, rule.id(), encoded);
			}
		}
	}

	// ------------------------------------------------------------ addresses as written

	@Check
	public void checkSubnet(Subnet subnet) {
		AddressText range = checkAddress(subnet, P.getSubnet_Range(), AddressUse.NETWORK,
				"subnet " + subnet.getName());
		if (range != null && range.cidr() != null && range.cidr().hasHostBits()) {
			Cidr network = range.cidr().networkCidr();
			report(Rule.SUBNET_HOST_BITS, "Subnet " + subnet.getName() + " is written " + subnet.getRange()
					+ ", which has host bits set; its network is " + network + ".", subnet, P.getSubnet_Range(),
					network.toString());
		}
	}

	@Check
	public void checkInterface(NetworkInterface nic) {
		checkHostAddress(nic, P.getNetworkInterface_Address(), nic.getAddress(), nic.getSubnet());
	}

	@Check
	public void checkSelfIp(SelfIp selfIp) {
		checkHostAddress(selfIp, P.getSelfIp_Address(), selfIp.getAddress(), selfIp.getSubnet());
	}

	@Check
	public void checkHostsEntry(HostsEntry entry) {
		checkAddress(entry, P.getHostsEntry_Address(), AddressUse.SINGLE, "hosts entry " + entry.getHostName() + " of " + Describe.of(entry.eContainer()));
	}

	@Check
	public void checkARecord(ARecord record) {
		checkAddress(record, P.getARecord_Address(), AddressUse.SINGLE, "A record " + record.getHost());
	}

	@Check
	public void checkVirtualServer(StandardVirtualServer vs) {
		checkAddress(vs, P.getStandardVirtualServer_Address(), AddressUse.SINGLE, "virtual server " + vs.getName());
		checkSnatAddresses(vs.getTranslation(), "virtual server " + vs.getName());
	}

	@Check
	public void checkForwardingVirtualServer(ForwardingVirtualServer vs) {
		if (vs.getDestination() != null) {
			checkAddress(vs, P.getForwardingVirtualServer_Destination(), AddressUse.NETWORK,
					"forwarding virtual server " + vs.getName());
		}
		checkSnatAddresses(vs.getTranslation(), "forwarding virtual server " + vs.getName());
	}

	private void checkSnatAddresses(SourceTranslation translation, String owner) {
		if (translation != null) {
			List<String> snat = translation.getSnatAddresses();
			if (translation.getKind() == TranslationKind.SNAT_POOL && snat.isEmpty()) {
				report(Rule.SNAT_POOL_EMPTY, Describe.capitalize(owner) + " translates the source with a SNAT pool but"
						+ " lists no address: the BIG-IP has nothing to translate to, so its traffic is not sent."
						+ " List the pool's addresses ('source translation snat 192.0.2.50, 192.0.2.51') or use automap.",
						translation, P.getSourceTranslation_Kind());
			}
			for (int i = 0; i < snat.size(); i++) {
				checkAddressAt(translation, P.getSourceTranslation_SnatAddresses(), i, snat.get(i), AddressUse.SINGLE,
						"SNAT pool address of " + owner);
			}
		}
	}

	/** One finding per run of stray tokens, on its first token. */
	@Check
	public void checkStrayText(StrayText stray) {
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
		getMessageAcceptor().acceptError("Unexpected '" + String.join(" ", run) + "': a declaration starts with"
				+ " topology, site, subnet, server, router, a pool (enterprise, standard edition, director, edge, mediation,"
				+ " group chat), load balancer, registrar or dns.", stray, P.getStrayText_Token(),
				ValidationMessageAcceptor.INSIGNIFICANT_INDEX, Rule.SYNTAX_ERROR.id());
	}

	// ------------------------------------------------------------ a server's own routing

	@Check
	public void checkServerRouting(Server server) {
		List<Cidr> onLink = new ArrayList<>();
		server.getInterfaces().forEach(nic -> addNetwork(onLink, nic.getAddress(), nic.getSubnet()));
		checkRouting("server " + server.getName(), "Windows", onLink, server.getGateways(), server.getRoutes());
	}

	@Check
	public void checkRouterRouting(org.ocs.topology.topology.Router router) {
		List<Cidr> onLink = new ArrayList<>();
		router.getInterfaces().forEach(nic -> addNetwork(onLink, nic.getAddress(), nic.getSubnet()));
		checkRouting("router " + router.getName(), "the router", onLink, router.getGateways(), router.getRoutes());
	}

	@Check
	public void checkBalancerRouting(LoadBalancer balancer) {
		List<Cidr> onLink = new ArrayList<>();
		balancer.getSelfIps().forEach(selfIp -> addNetwork(onLink, selfIp.getAddress(), selfIp.getSubnet()));
		checkRouting("load balancer " + balancer.getName(), "the balancer", onLink, balancer.getGateways(),
				balancer.getRoutes());
	}

	private static void addNetwork(List<Cidr> networks, String address, Subnet subnet) {
		Cidr network = networkOf(address, subnet);
		if (network != null) {
			networks.add(network);
		}
	}

	/** Gateways and route next hops must be on one of the device's own subnets. */
	private void checkRouting(String owner, String system, List<Cidr> onLink, List<DefaultGateway> gateways,
			List<StaticRoute> routes) {
		for (DefaultGateway gateway : gateways) {
			AddressText text = checkAddress(gateway, P.getDefaultGateway_Address(), AddressUse.SINGLE,
					"default gateway of " + owner);
			if (text != null && !onLink.isEmpty() && onLink.stream().noneMatch(n -> n.contains(text.address()))) {
				report(Rule.GATEWAY_NOT_ON_LINK, "Default gateway " + gateway.getAddress() + " of " + owner
						+ " is on none of its subnets (" + list(onLink) + "): " + system
						+ " cannot reach it, so nothing off-subnet is reachable.", gateway, P.getDefaultGateway_Address());
			}
		}
		for (StaticRoute route : routes) {
			checkAddress(route, P.getStaticRoute_Destination(), AddressUse.NETWORK, "route destination of " + owner);
			AddressText nextHop = checkAddress(route, P.getStaticRoute_NextHop(), AddressUse.SINGLE,
					"route next hop of " + owner);
			if (nextHop != null && !onLink.isEmpty() && onLink.stream().noneMatch(n -> n.contains(nextHop.address()))) {
				report(Rule.GATEWAY_NOT_ON_LINK, "Next hop " + route.getNextHop() + " of route " + route.getDestination()
						+ " on " + owner + " is on none of its subnets (" + list(onLink) + "): the route cannot be used.",
						route, P.getStaticRoute_NextHop());
			}
		}
	}

	/** The network of an interface or self IP: its subnet's range, else its own prefix. */
	static Cidr networkOf(String address, Subnet subnet) {
		AddressText own = AddressText.parse(address);
		if (!own.isValid()) {
			return null;
		}
		Cidr subnetRange = rangeOf(subnet);
		if (subnetRange != null) {
			return subnetRange.networkCidr();
		}
		return own.cidr() == null ? null : own.cidr().networkCidr();
	}

	private static Cidr rangeOf(Subnet subnet) {
		if (subnet == null || subnet.eIsProxy() || subnet.getRange() == null) {
			return null;
		}
		return AddressText.parse(subnet.getRange()).cidr();
	}

	// ------------------------------------------------------------ settings written twice

	/** A single-valued setting written twice in one block: the parser keeps only the last one. */
	@Check
	public void checkSettingRepeated(EObject object) {
		for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
			if (feature.isMany() || feature.isDerived() || feature.isTransient()) {
				continue;
			}
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
			for (INode repeated : nodes.subList(Math.min(1, nodes.size()), nodes.size())) {
				String what = Describe.words(feature.getName());
				getMessageAcceptor().acceptError(
						"'" + NodeModelUtils.getTokenText(nodes.get(0)) + "' and '"
								+ NodeModelUtils.getTokenText(repeated) + "' both set the " + what + " of "
								+ Describe.of(object) + "; only one may be written.",
						object, repeated.getOffset(), repeated.getLength(), Rule.SETTING_REPEATED.id());
			}
		}
	}

	// ------------------------------------------------------------ across the folder

	@Check(CheckType.NORMAL)
	public void checkFolderWide(Model model) {
		// Computed once per state of the folder, shared by the validation of each of its files.
		for (FolderFinding finding : folderAnalysis.findings(folder.modelsOf(model.eResource()))) {
			if (finding.isFailure()) {
				// A failed folder check leaves every file of the folder without its findings.
				getMessageAcceptor().acceptError(
						CheckFailures.message(finding.message(), model.eResource(), finding.failure()), model, null,
						ValidationMessageAcceptor.INSIGNIFICANT_INDEX, Rule.INTERNAL_ERROR.id());
			} else if (finding.object().eResource() == model.eResource()) {
				report(finding.rule(), finding.severity(), finding.message(), finding.object(), finding.feature(),
						finding.index(), finding.data());
			}
		}
	}

	// ------------------------------------------------------------ helpers

	/**
	 * Checks an interface or self IP address against its subnet (or its own prefix when it has no
	 * subnet).
	 */
	private void checkHostAddress(EObject owner, EAttribute feature, String address, Subnet subnet) {
		AddressText text = checkAddress(owner, feature, AddressUse.HOST, Describe.roleOf(owner));
		String what = Describe.of(owner);
		if (text == null) {
			return;
		}
		Cidr subnetRange = rangeOf(subnet);
		if (subnetRange != null) {
			if (!subnetRange.contains(text.address())) {
				report(Rule.ADDRESS_OUTSIDE_SUBNET, Describe.capitalize(what) + " is declared on subnet " + subnet.getName()
						+ " (" + subnetRange.networkCidr() + ") but lies outside it: nothing on that subnet can reach it.",
						owner, feature, subnet.getName(), subnetRange.networkCidr().toString());
			} else if (text.prefixLength().isPresent() && text.prefixLength().getAsInt() != subnetRange.prefixLength()) {
				report(Rule.PREFIX_MISMATCH, Describe.capitalize(what) + " is written with /" + text.prefixLength().getAsInt()
						+ " but subnet " + subnet.getName() + " is " + subnetRange.networkCidr()
						+ ": the server's on-link range would differ from its neighbours'.", owner, feature,
						subnet.getName(), subnetRange.networkCidr().toString());
			} else if (subnetRange.isNetworkOrBroadcast(text.address())) {
				report(Rule.ADDRESS_NOT_HOST, Describe.capitalize(what) + " is the network or broadcast address of subnet "
						+ subnet.getName() + " (" + subnetRange.networkCidr() + ") and cannot be assigned to a host.",
						owner, feature);
			}
		} else if (subnet == null) {
			if (text.prefixLength().isEmpty()) {
				report(Rule.PREFIX_MISSING, Describe.capitalize(what) + " has no prefix length and no subnet, so the networks it"
						+ " reaches directly are unknown: write " + text.address() + "/<prefix> or add 'on <subnet>'.",
						owner, feature);
			} else if (text.cidr().isNetworkOrBroadcast(text.address())) {
				report(Rule.ADDRESS_NOT_HOST, Describe.capitalize(what) + " is the network or broadcast address of "
						+ text.cidr().networkCidr() + " and cannot be assigned to a host.", owner, feature);
			}
		}
	}

	/** Reports malformed text; returns the parsed address when it is usable for further checks. */
	private AddressText checkAddress(EObject owner, EAttribute feature, AddressUse use, String what) {
		return checkAddressAt(owner, feature, ValidationMessageAcceptor.INSIGNIFICANT_INDEX,
				(String) owner.eGet(feature), use, what);
	}

	private AddressText checkAddressAt(EObject owner, EAttribute feature, int index, String written, AddressUse use,
			String what) {
		if (written == null) {
			return null;
		}
		AddressText text = AddressText.parse(written);
		switch (text.problem()) {
			case MALFORMED_ADDRESS -> {
				report(Rule.ADDRESS_MALFORMED, written + " (" + what + ") " + text.reason() + ".", owner, feature, index);
				return null;
			}
			case PREFIX_OUT_OF_RANGE -> {
				report(Rule.PREFIX_OUT_OF_RANGE, written + " (" + what + ") " + text.reason() + ".", owner, feature,
						index);
				return null;
			}
			case NONE -> {
			}
		}
		if (use == AddressUse.NETWORK && text.prefixLength().isEmpty()) {
			report(Rule.PREFIX_MISSING, written + " (" + what + ") is a network and needs a prefix length, e.g. "
					+ written + "/24.", owner, feature, index);
			return null;
		}
		if (use == AddressUse.SINGLE && text.prefixLength().isPresent()) {
			report(Rule.PREFIX_UNEXPECTED, written + " (" + what + ") is a single address, not a network: write "
					+ text.address() + ".", owner, feature, index,
					text.address().toString());
			return null;
		}
		return text;
	}

	private void reportAt(Rule rule, String message, EObject object, EStructuralFeature feature, int index,
			String... data) {
		report(rule, message, object, feature, index, data);
	}

	private void report(Rule rule, String message, EObject object, EStructuralFeature feature, String... data) {
		report(rule, message, object, feature, ValidationMessageAcceptor.INSIGNIFICANT_INDEX, data);
	}

	private void report(Rule rule, String message, EObject object, EStructuralFeature feature, int index,
			String... data) {
		report(rule, rule.severity(), message, object, feature, index, data);
	}

	private void report(Rule rule, Severity severity, String message, EObject object, EStructuralFeature feature,
			int index, String... data) {
		if (severity == Severity.ERROR) {
			error(message, object, feature, index, rule.id(), data);
		} else if (severity == Severity.WARNING) {
			warning(message, object, feature, index, rule.id(), data);
		} else {
			info(message, object, feature, index, rule.id(), data);
		}
	}

	private static String list(List<Cidr> networks) {
		return networks.stream().map(Cidr::toString).distinct().collect(Collectors.joining(", "));
	}

}
