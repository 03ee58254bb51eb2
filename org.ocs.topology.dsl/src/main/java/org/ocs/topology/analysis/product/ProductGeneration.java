package org.ocs.topology.analysis.product;

/**
 * What differs between the two product generations ocstopo knows, with the source of each fact
 * (see shared DOMAIN.md).
 */
public enum ProductGeneration {
	/** Office Communications Server 2007 R2. */
	OCS_2007_R2("OCS 2007 R2", false),
	/** Lync Server 2010. */
	LYNC_2010("Lync Server 2010", true);

	/** MPOP ("maximum endpoints per user") range accepted by the registrar: 1..64 in both. */
	public static final int MIN_ENDPOINTS_PER_USER = 1;
	public static final int MAX_ENDPOINTS_PER_USER = 64;
	/** The registrar's default when nothing is configured: 8 in both. */
	public static final int DEFAULT_ENDPOINTS_PER_USER = 8;

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

	public static boolean isValidEndpointsPerUser(int value) {
		return value >= MIN_ENDPOINTS_PER_USER && value <= MAX_ENDPOINTS_PER_USER;
	}
}
