package org.ocs.topology.analysis.routing;

/**
 * Which interface a Windows server's packets may leave by (TechNet Magazine, The Cable Guy,
 * September 2007, "Strong and Weak Host Models"). Windows Server 2003 is weak: a packet leaves by
 * whatever route the table picks. Windows Server 2008 and 2008 R2 are strong by default: a packet
 * leaves only by the interface that owns its source address, so a reply goes out where the
 * request came in, whatever the default gateway of another interface says.
 */
public enum HostModel {
	STRONG,
	WEAK,
	/** Not written and not implied by the product: a verdict that depends on it is only a warning. */
	UNKNOWN;

	/** From a {@code windows} setting of the language ({@code ws2003}, {@code ws2008}, {@code ws2008r2}). */
	public static HostModel ofWindows(String version) {
		if (version == null) {
			return UNKNOWN;
		}
		return "ws2003".equals(version) ? WEAK : STRONG;
	}

	/** From a {@code host model} setting ({@code strong}, {@code weak}). */
	public static HostModel of(String model) {
		if (model == null) {
			return UNKNOWN;
		}
		return "weak".equals(model) ? WEAK : STRONG;
	}

	public boolean known() {
		return this != UNKNOWN;
	}
}
