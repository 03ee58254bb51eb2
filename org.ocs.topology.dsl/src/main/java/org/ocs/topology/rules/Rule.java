package org.ocs.topology.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.rules.routing.GatewayUndeclared;
import org.ocs.topology.rules.pools.PoolDependencyUnreachable;
import org.ocs.topology.rules.routing.GatewayNotFloating;
import org.ocs.topology.rules.language.SuppressionUnused;
import org.ocs.topology.rules.dns.DnsLbWebServicesMissing;
import org.ocs.topology.rules.dns.DnsRecordDuplicate;
import org.ocs.topology.rules.dns.PoolDnsMismatch;
import org.ocs.topology.rules.dns.SipinternaltlsSrvTarget;
import org.ocs.topology.rules.dns.SipinternaltlsSrvMultiple;
import org.ocs.topology.rules.pools.FrontendsOverLimit;
import org.ocs.topology.rules.balancer.VipPortsMissing;
import org.ocs.topology.rules.pools.HardwareLbRequired;
import org.ocs.topology.rules.balancer.PoolVipSourceKept;
import org.ocs.topology.rules.pools.PoolPeerUnresolved;
import org.ocs.topology.rules.pools.PoolTrafficUnreachable;
import org.ocs.topology.rules.pools.PoolTrafficAsymmetric;
import org.ocs.topology.rules.pools.PoolTrafficHairpin;
import org.ocs.topology.rules.registrar.LookupHomeConflict;
import org.ocs.topology.rules.registrar.LookupHomeNotRegistrar;
import org.ocs.topology.rules.registrar.LookupOverMpop;
import org.ocs.topology.rules.registrar.LookupUriDomain;
import org.ocs.topology.rules.registrar.RegistrarPoolNotRegistrar;
import org.ocs.topology.rules.registrar.RegistrarSettingDuplicate;
import org.ocs.topology.rules.language.TopologyHeaderDuplicate;
import org.ocs.topology.rules.language.ProductMissing;
import org.ocs.topology.rules.registrar.RegistrarScopeUnsupported;
import org.ocs.topology.rules.addressing.AddressDuplicate;
import org.ocs.topology.rules.language.NameDuplicate;
import org.ocs.topology.rules.language.NumberOutOfRange;
import org.ocs.topology.rules.language.UnresolvedReference;
import org.ocs.topology.rules.addressing.SnatPoolEmpty;
import org.ocs.topology.rules.routing.GatewayNotOnLink;
import org.ocs.topology.rules.addressing.AddressNotHost;
import org.ocs.topology.rules.addressing.PrefixMismatch;
import org.ocs.topology.rules.addressing.AddressOutsideSubnet;
import org.ocs.topology.rules.addressing.SubnetHostBits;
import org.ocs.topology.rules.addressing.PrefixUnexpected;
import org.ocs.topology.rules.addressing.PrefixMissing;
import org.ocs.topology.rules.addressing.PrefixOutOfRange;
import org.ocs.topology.rules.addressing.AddressMalformed;
import org.ocs.topology.rules.language.SettingRepeated;
import org.ocs.topology.rules.language.StrayTextRule;
import org.ocs.topology.rules.balancer.LbIdleTimeoutShort;
import org.ocs.topology.rules.pools.GroupchatDatabaseColocated;
import org.ocs.topology.rules.pools.GroupchatServersOverLimit;
import org.ocs.topology.rules.registrar.MpopOutOfRange;
import org.ocs.topology.rules.roles.ServerRolesCollocated;
import org.ocs.topology.rules.routing.GatewayMultiple;

/**
 * The rule catalogue: every finding ocstopo reports, with its stable ID (also the Xtext issue code),
 * default severity and one-line summary. Each rule has a page {@code docs/rules/<id>.md}; a test
 * checks that pages and catalogue agree.
 */
public enum Rule {
	SYNTAX_ERROR("syntax-error", Severity.ERROR,
			"The text does not follow the .ocstopo grammar.", StrayTextRule::new),
	UNRESOLVED_REFERENCE("unresolved-reference", Severity.ERROR,
			"A name refers to nothing declared in the files of this folder.", UnresolvedReference::new, Trait.QUICK_FIX),
	NAME_DUPLICATE("name-duplicate", Severity.ERROR,
			"Two declarations of the same kind share one name.", NameDuplicate::new),
	SETTING_REPEATED("setting-repeated", Severity.ERROR,
			"A setting that takes one value is written twice in one block; only the last would count.", SettingRepeated::new),
	ADDRESS_MALFORMED("address-malformed", Severity.ERROR,
			"An IPv4 address is not four numbers 0 to 255.", AddressMalformed::new),
	PREFIX_OUT_OF_RANGE("prefix-out-of-range", Severity.ERROR,
			"An IPv4 prefix length is not 0 to 32 (or a netmask is written in its place).", PrefixOutOfRange::new, Trait.SAFE_FIX),
	PREFIX_MISSING("prefix-missing", Severity.ERROR,
			"A network is written without its prefix length, and nothing else gives it.", PrefixMissing::new),
	PREFIX_UNEXPECTED("prefix-unexpected", Severity.ERROR,
			"A single address (gateway, VIP, DNS or hosts entry) is written with a prefix length.", PrefixUnexpected::new, Trait.SAFE_FIX),
	SUBNET_HOST_BITS("subnet-host-bits", Severity.WARNING,
			"A subnet is written with host bits set, e.g. 10.0.1.5/24 for 10.0.1.0/24.", SubnetHostBits::new, Trait.SAFE_FIX),
	ADDRESS_OUTSIDE_SUBNET("address-outside-subnet", Severity.ERROR,
			"An interface or self IP address lies outside the subnet it is declared on.", AddressOutsideSubnet::new),
	PREFIX_MISMATCH("prefix-mismatch", Severity.ERROR,
			"An interface written with a prefix length disagrees with the subnet it is declared on.", PrefixMismatch::new, Trait.QUICK_FIX),
	ADDRESS_NOT_HOST("address-not-host", Severity.ERROR,
			"An interface or self IP uses its subnet's network or broadcast address.", AddressNotHost::new),
	GATEWAY_NOT_ON_LINK("gateway-not-on-link", Severity.ERROR,
			"A default gateway or route next hop is on none of the server's subnets.", GatewayNotOnLink::new),
	GATEWAY_MULTIPLE("gateway-multiple", Severity.WARNING,
			"A server has more than one default gateway.", GatewayMultiple::new, Trait.QUICK_FIX),
	ADDRESS_DUPLICATE("address-duplicate", Severity.ERROR,
			"One address is owned twice (server interfaces, balancer self IPs, virtual server VIPs).", AddressDuplicate::new),
	MPOP_OUT_OF_RANGE("mpop-out-of-range", Severity.ERROR,
			"A maximum-endpoints-per-user (MPOP) value is outside " + DomainLimits.MIN_ENDPOINTS_PER_USER + " to "
					+ DomainLimits.MAX_ENDPOINTS_PER_USER + ".", MpopOutOfRange::new, Trait.QUICK_FIX),
	REGISTRAR_SCOPE_UNSUPPORTED("registrar-scope-unsupported", Severity.ERROR,
			"A site or pool registrar setting in an OCS 2007 R2 topology, which has only the forest-wide one.", RegistrarScopeUnsupported::new),
	PRODUCT_MISSING("product-missing", Severity.WARNING,
			"The topology header does not say its product, so the product's limits are not checked.", ProductMissing::new),
	TOPOLOGY_HEADER_DUPLICATE("topology-header-duplicate", Severity.ERROR,
			"More than one topology header in one folder.", TopologyHeaderDuplicate::new),
	LOOKUP_OVER_MPOP("lookup-over-mpop", Severity.ERROR,
			"More Lookup services register the shared Group Chat Lookup account than the MPOP limit of its home pool allows.", LookupOverMpop::new, Trait.SAFE_FIX),
	GROUPCHAT_SERVERS_OVER_LIMIT("groupchat-servers-over-limit", Severity.ERROR,
			"A Group Chat pool has more than " + DomainLimits.MAX_GROUP_CHAT_SERVERS_PER_POOL + " Group Chat servers.", GroupchatServersOverLimit::new),
	POOL_TRAFFIC_HAIRPIN("pool-traffic-hairpin", Severity.ERROR,
			"Traffic between two Front Ends of a pool crosses a load balancer that replaces the sender's address.", PoolTrafficHairpin::new, Trait.SAFE_FIX),
	POOL_TRAFFIC_ASYMMETRIC("pool-traffic-asymmetric", Severity.ERROR,
			"Traffic between two Front Ends of a pool and its reply cross different stateful devices.", PoolTrafficAsymmetric::new, Trait.SAFE_FIX),
	POOL_TRAFFIC_UNREACHABLE("pool-traffic-unreachable", Severity.ERROR,
			"A Front End cannot reach a peer of its pool by the peer's FQDN.", PoolTrafficUnreachable::new, Trait.QUICK_FIX),
	POOL_PEER_UNRESOLVED("pool-peer-unresolved", Severity.WARNING,
			"A Front End's FQDN resolves to nothing for a peer of its pool, so their traffic cannot be checked.", PoolPeerUnresolved::new, Trait.QUICK_FIX),
	POOL_VIP_SOURCE_KEPT("pool-vip-source-kept", Severity.WARNING,
			"An OCS 2007 R2 pool VIP keeps the client's source address, where Microsoft supports only SNAT.", PoolVipSourceKept::new, Trait.QUICK_FIX),
	HARDWARE_LB_REQUIRED("hardware-lb-required", Severity.ERROR,
			"An OCS 2007 R2 Enterprise pool of more than one Front End is not behind a hardware load balancer.", HardwareLbRequired::new),
	VIP_PORTS_MISSING("vip-ports-missing", Severity.ERROR,
			"A pool's VIP lacks TCP ports the pool needs (OCS 2007 R2 and Lync Server 2010).", VipPortsMissing::new, Trait.SAFE_FIX),
	LB_IDLE_TIMEOUT_SHORT("lb-idle-timeout-short", Severity.WARNING,
			"A load balancer's TCP idle timeout is under " + DomainLimits.MIN_LB_TCP_IDLE_TIMEOUT_SECONDS + " seconds.", LbIdleTimeoutShort::new, Trait.SAFE_FIX),
	FRONTENDS_OVER_LIMIT("frontends-over-limit", Severity.ERROR,
			"A Lync Server 2010 Enterprise pool has more than " + DomainLimits.LYNC_2010_MAX_FRONT_ENDS_PER_POOL
					+ " Front Ends.", FrontendsOverLimit::new),
	GROUPCHAT_DATABASE_COLOCATED("groupchat-database-colocated", Severity.ERROR,
			"The Group Chat database is on a Group Chat server of its pool.", GroupchatDatabaseColocated::new),
	SIPINTERNALTLS_SRV_MULTIPLE("sipinternaltls-srv-multiple", Severity.ERROR,
			"More than one _sipinternaltls._tcp SRV record for one SIP domain.", SipinternaltlsSrvMultiple::new),
	DNS_LB_WEB_SERVICES_MISSING("dns-lb-web-services-missing", Severity.ERROR,
			"A DNS-load-balanced Lync Server 2010 pool has no internal web services FQDN on a hardware load balancer VIP.", DnsLbWebServicesMissing::new),
	SUPPRESSION_INVALID("suppression-invalid", Severity.WARNING,
			"An ocstopo-ignore comment names no known rule or gives no reason."),
	SUPPRESSION_UNUSED("suppression-unused", Severity.WARNING,
			"An ocstopo-ignore comment suppresses no finding on the declaration after it.", SuppressionUnused::new, Trait.QUICK_FIX),
	/** ocstopo's own failure, not the topology's: no text can trigger it on purpose. */
	INTERNAL_ERROR("internal-error", Severity.ERROR,
			"A check of ocstopo failed on a file, so that check's findings are missing.", Trait.OCSTOPO_FAILURE),
	POLICY_INVALID("policy-invalid", Severity.ERROR,
			"The project policy file (ocstopo.json) is not valid JSON or has a key, rule ID or severity ocstopo does not know.",
			Trait.POLICY_FILE),
	/** New rules append here, so SARIF rule indexes of the others stay. */
	SNAT_POOL_EMPTY("snat-pool-empty", Severity.ERROR,
			"A virtual server translates the source with a SNAT pool but lists no SNAT address.", SnatPoolEmpty::new),
	GATEWAY_NOT_FLOATING("gateway-not-floating", Severity.WARNING,
			"A server's gateway or route goes through a balancer's unit self IP where a floating one on that subnet survives a fail-over.", GatewayNotFloating::new,
			Trait.SAFE_FIX),
	POOL_DEPENDENCY_UNREACHABLE("pool-dependency-unreachable", Severity.ERROR,
			"A pool member cannot reach a server its role depends on (a Front End its SQL back end, a Group Chat server its Lookup home pool or database, a Mediation or Director server its next hop pool, a Front End its Mediation pool), or the reply takes another path.", PoolDependencyUnreachable::new),
	GATEWAY_UNDECLARED("gateway-undeclared", Severity.WARNING,
			"A server's gateway is no declared device's address, on a subnet where a declared balancer or router routes: a typo, or a router to declare.", GatewayUndeclared::new,
			Trait.QUICK_FIX),
	LOOKUP_HOME_NOT_REGISTRAR("lookup-home-not-registrar", Severity.ERROR,
			"A Group Chat Lookup account is homed on a pool that homes no users (a Director, Edge, Mediation or Group Chat pool).",
			LookupHomeNotRegistrar::new),
	REGISTRAR_POOL_NOT_REGISTRAR("registrar-pool-not-registrar", Severity.ERROR,
			"A pool registrar setting names a pool that runs no Registrar (an Edge, Mediation or Group Chat pool).",
			RegistrarPoolNotRegistrar::new),
	LOOKUP_HOME_CONFLICT("lookup-home-conflict", Severity.ERROR,
			"One Lookup account is homed on different pools by different Group Chat pools.", LookupHomeConflict::new),
	REGISTRAR_SETTING_DUPLICATE("registrar-setting-duplicate", Severity.ERROR,
			"One registrar scope (global, a site or a pool) is configured more than once.", RegistrarSettingDuplicate::new),
	NUMBER_OUT_OF_RANGE("number-out-of-range", Severity.ERROR,
			"A port or SRV field outside 0/1 to 65535, or a number too large for any field.", NumberOutOfRange::new),
	DNS_RECORD_DUPLICATE("dns-record-duplicate", Severity.WARNING,
			"One DNS record (A or SRV) is written twice, identically.", DnsRecordDuplicate::new, Trait.SAFE_FIX),
	SERVER_ROLES_COLLOCATED("server-roles-collocated", Severity.ERROR,
			"One server is in two pools: two roles Microsoft does not support on one computer, or one role twice.",
			ServerRolesCollocated::new),
	POOL_DNS_MISMATCH("pool-dns-mismatch", Severity.ERROR,
			"A pool FQDN's A records point neither at its VIP (hardware balancing) nor at its Front Ends (DNS balancing), or its web services FQDN not at its VIP.",
			PoolDnsMismatch::new),
	SIPINTERNALTLS_SRV_TARGET("sipinternaltls-srv-target", Severity.ERROR,
			"A _sipinternaltls._tcp SRV record leads to no pool that signs users in, or not to port 5061.",
			SipinternaltlsSrvTarget::new),
	LOOKUP_URI_DOMAIN("lookup-uri-domain", Severity.ERROR,
			"A Group Chat Lookup account's SIP URI is in a domain that is not one of the topology's SIP domains.",
			LookupUriDomain::new, Trait.QUICK_FIX);

	/** What sets a rule apart beyond its ID, severity and summary. */
	enum Trait {
		/** The editors offer a quick fix for its findings (a test holds this to the quick-fix provider). */
		QUICK_FIX,
		/**
		 * Like {@link #QUICK_FIX}, and one of its fixes is safe for {@code ocstopo validate --fix}: the
		 * remedy the rule's sources prescribe, with no alternative to choose between, changing only
		 * what the finding names (the provider marks which; a test holds the two together).
		 */
		SAFE_FIX,
		/** It reports a failure of ocstopo itself, not of the topology. */
		OCSTOPO_FAILURE,
		/** It reports a mistake in the project policy file, not in topology text. */
		POLICY_FILE
	}

	private final String id;
	private final Severity severity;
	private final String summary;
	private final boolean triggeredByText;
	private final boolean fixable;
	private final boolean safeFix;
	private final boolean policyFile;
	private final Supplier<? extends RuleLogic> makeLogic;
	private volatile RuleLogic logic;

	Rule(String id, Severity severity, String summary, Trait... traits) {
		this(id, severity, summary, null, traits);
	}

	Rule(String id, Severity severity, String summary, Supplier<? extends RuleLogic> logic, Trait... traits) {
		this.makeLogic = logic;
		this.id = id;
		this.severity = severity;
		this.summary = summary;
		List<Trait> given = List.of(traits);
		this.triggeredByText = !given.contains(Trait.OCSTOPO_FAILURE) && !given.contains(Trait.POLICY_FILE);
		this.safeFix = given.contains(Trait.SAFE_FIX);
		this.fixable = safeFix || given.contains(Trait.QUICK_FIX);
		this.policyFile = given.contains(Trait.POLICY_FILE);
	}

	/**
	 * Whether the editors offer a quick fix for this rule's findings. Kept here, not asked of the
	 * quick-fix provider, so that the command line need not depend on the editor module.
	 */
	public boolean fixable() {
		return fixable;
	}

	/**
	 * Whether {@code ocstopo validate --fix} applies a fix for this rule's findings without asking:
	 * its page's "Fixes" section says which one.
	 */
	public boolean safeFix() {
		return safeFix;
	}

	/**
	 * Whether some topology text yields this rule. False for a rule that reports a failure of
	 * ocstopo itself (a fixed bug has no failing example) or a mistake in the policy file (its
	 * failing example is JSON, not topology text).
	 */
	public boolean triggeredByText() {
		return triggeredByText;
	}

	/** Whether its findings are about the project policy file (ocstopo.json), not topology text. */
	public boolean policyFile() {
		return policyFile;
	}

	/** The stable ID users see and suppress by; never renamed once released. */
	public String id() {
		return id;
	}

	public Severity severity() {
		return severity;
	}

	/** The severity of a finding: at most a warning where its verdict rests on an assumption the topology does not state. */
	public Severity severity(boolean restsOnAssumption) {
		return restsOnAssumption && severity == Severity.ERROR ? Severity.WARNING : severity;
	}

	public String summary() {
		return summary;
	}

	/** Where the rule's page lives, relative to the repository root. */
	public String documentationPath() {
		return "docs/rules/" + id + ".md";
	}

	/**
	 * The rule's check, messages and remedies, made once; null for a rule that the parser, the linker
	 * or ocstopo's own machinery (suppressions, policy, failures) reports.
	 */
	public RuleLogic logic() {
		RuleLogic made = logic;
		if (made == null && makeLogic != null) {
			synchronized (this) {
				if (logic == null) {
					RuleLogic fresh = makeLogic.get();
					fresh.bind(this);
					logic = fresh;
				}
				made = logic;
			}
		}
		return made;
	}

	/** The rules that check one object at a time, in catalogue order. */
	public static List<DeclarationRule<?>> declarationRules() {
		return Holder.DECLARATION_RULES;
	}

	/** The rules that check the whole folder, in catalogue order. */
	public static List<FolderRule> folderRules() {
		return Holder.FOLDER_RULES;
	}

	/** Made on first use, after every constant exists. */
	private static final class Holder {
		static final List<DeclarationRule<?>> DECLARATION_RULES = Arrays.stream(values()).map(Rule::logic)
				.filter(DeclarationRule.class::isInstance).<DeclarationRule<?>>map(l -> (DeclarationRule<?>) l).toList();
		static final List<FolderRule> FOLDER_RULES = Arrays.stream(values()).map(Rule::logic)
				.filter(FolderRule.class::isInstance).map(FolderRule.class::cast).toList();
	}

	public static Optional<Rule> byId(String id) {
		return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
	}
}
