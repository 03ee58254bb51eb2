package org.ocs.topology.analysis.product;

import java.util.List;
import java.util.OptionalInt;

/**
 * What differs between the two product generations ocstopo knows, with the source of each fact
 * (see shared DOMAIN.md).
 */
public enum ProductGeneration {
	/** Office Communications Server 2007 R2. */
	OCS_2007_R2("OCS 2007 R2", false),
	/** Lync Server 2010. */
	LYNC_2010("Lync Server 2010", true);

	private final String displayName;
	private final boolean scopedRegistrarSettings;

	ProductGeneration(String displayName, boolean scopedRegistrarSettings) {
		this.displayName = displayName;
		this.scopedRegistrarSettings = scopedRegistrarSettings;
	}

	public String displayName() {
		return displayName;
	}

	/**
	 * Lync 2010 scopes registrar settings global, site or pool (Set-CsRegistrarConfiguration
	 * -Identity); OCS 2007 R2 has only the forest-wide "Maximum devices per user".
	 */
	public boolean hasScopedRegistrarSettings() {
		return scopedRegistrarSettings;
	}

	/**
	 * The most Front Ends one Enterprise pool supports: 10 on Lync Server 2010 (gg615015(v=ocs.14));
	 * none stated for OCS 2007 R2 (dd425162(v=office.13) documents 8 Front Ends for 100,000 users,
	 * not a maximum).
	 */
	public OptionalInt maxFrontEndsPerPool() {
		return this == LYNC_2010 ? OptionalInt.of(DomainLimits.LYNC_2010_MAX_FRONT_ENDS_PER_POOL) : OptionalInt.empty();
	}

	/** The most users one Enterprise pool supports: 80,000 on Lync Server 2010 (gg615015(v=ocs.14)); none stated for R2. */
	public OptionalInt maxUsersPerPool() {
		return this == LYNC_2010 ? OptionalInt.of(DomainLimits.LYNC_2010_MAX_USERS_PER_POOL) : OptionalInt.empty();
	}

	/**
	 * The TCP ports every Enterprise pool VIP needs where the pool is balanced by hardware: for OCS
	 * 2007 R2 those of TechNet dd572362(v=office.13) ({@link Ports#OCS_2007_R2_REQUIRED_POOL_VIP}), for
	 * Lync 2010 {@link Ports#LYNC_2010_REQUIRED_FRONT_END_VIP}.
	 */
	public List<Ports.Port> requiredPoolVipPorts() {
		return this == OCS_2007_R2 ? Ports.OCS_2007_R2_REQUIRED_POOL_VIP : Ports.LYNC_2010_REQUIRED_FRONT_END_VIP;
	}

	/**
	 * The TCP ports a Director pool VIP needs where the pool is balanced by hardware: Lync 2010's
	 * ({@link Ports#LYNC_2010_REQUIRED_DIRECTOR_VIP}); none known for an OCS 2007 R2 Director.
	 */
	public List<Ports.Port> requiredDirectorVipPorts() {
		return this == LYNC_2010 ? Ports.LYNC_2010_REQUIRED_DIRECTOR_VIP : List.of();
	}

	/**
	 * The TCP ports of a pool's web services VIP where its SIP is balanced by DNS (Lync 2010 only;
	 * OCS 2007 R2 has no DNS load balancing).
	 */
	public List<Ports.Port> requiredWebServicesVipPorts(boolean director) {
		if (this != LYNC_2010) {
			return List.of();
		}
		return director ? Ports.LYNC_2010_DIRECTOR_WEB_SERVICES_VIP : Ports.LYNC_2010_FRONT_END_WEB_SERVICES_VIP;
	}

	/**
	 * The port a Mediation Server takes its Front Ends' SIP on, by default: 5070 on Lync Server 2010
	 * ({@link Ports#MEDIATION_SIP_LYNC_2010}), 5061 on OCS 2007 R2, its internal edge
	 * ({@link Ports#MEDIATION_INTERNAL_EDGE_OCS_2007_R2}).
	 */
	public int mediationPortForFrontEnds() {
		return this == LYNC_2010 ? Ports.MEDIATION_SIP_LYNC_2010 : Ports.MEDIATION_INTERNAL_EDGE_OCS_2007_R2;
	}

	/** The pool VIP ports of features, added when used: R2's per dd572362(v=office.13); none known for Lync 2010. */
	public List<Ports.Port> featurePoolVipPorts() {
		return this == OCS_2007_R2 ? Ports.OCS_2007_R2_FEATURE_POOL_VIP : List.of();
	}
}
