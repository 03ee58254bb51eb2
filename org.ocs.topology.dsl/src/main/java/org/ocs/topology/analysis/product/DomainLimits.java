package org.ocs.topology.analysis.product;

/**
 * Limits and defaults of OCS 2007 R2 and Lync Server 2010 that hold for both products, each with
 * its source (the project's domain reference, shared DOMAIN.md, lists them). Limits that differ
 * by product are methods of {@link ProductGeneration}; ports are in {@link Ports}. Validators,
 * quick fixes, content assist, hover and the rule catalogue read them from here.
 */
public final class DomainLimits {

	/**
	 * The shortest TCP idle timeout, in seconds, a load balancer in front of a pool may have: SIP
	 * connections stay idle up to the REGISTER refresh or SIP keep-alive interval (typically 30
	 * minutes). Sources: NextHop blog, 2011-11-03, "Hardware load balancer requirements for Lync
	 * Server 2010" (TCP idle timeout at least the REGISTER refresh / keep-alive interval, typically
	 * 30 minutes; the blog's title as the rule page lb-idle-timeout-short gives it); Skype for
	 * Business Server {@code load-balancing.md} (Microsoft's load balancing requirements): a TCP
	 * idle timeout of 1800 seconds.
	 */
	public static final int MIN_LB_TCP_IDLE_TIMEOUT_SECONDS = 1800;

	/**
	 * Group Chat servers in one Group Chat pool: one, "plus up to two more". Sources:
	 * learn.microsoft.com ee323524(v=office.13) and ee323416(v=office.13) (OCS 2007 R2 Group Chat),
	 * gg615006(v=ocs.14) (Lync Server 2010 Group Chat).
	 */
	public static final int MAX_GROUP_CHAT_SERVERS_PER_POOL = 3;

	/**
	 * Lowest MPOP ("maximum endpoints per user") value the registrar accepts, in both products.
	 * Sources: OCS 2007 R2, forest Global Properties > User > "Maximum devices per user" (1..64);
	 * Lync 2010, {@code Set-CsRegistrarConfiguration -MaxEndpointsPerUser} (1..64),
	 * Set-CsRegistrarConfiguration.md in MicrosoftDocs/office-docs-powershell.
	 */
	public static final int MIN_ENDPOINTS_PER_USER = 1;

	/** Highest MPOP value the registrar accepts, in both products. Sources: as {@link #MIN_ENDPOINTS_PER_USER}. */
	public static final int MAX_ENDPOINTS_PER_USER = 64;

	/**
	 * The registrar's MPOP limit when nothing is configured, in both products. Sources: as
	 * {@link #MIN_ENDPOINTS_PER_USER}; NextHop blog 2011-02-13, "The effect of multiple points of
	 * presence on Group Chat".
	 */
	public static final int DEFAULT_ENDPOINTS_PER_USER = 8;

	/**
	 * Front Ends per Lync Server 2010 Enterprise pool. Source: learn.microsoft.com
	 * gg615015(v=ocs.14): up to 10 Front Ends per pool, 80,000 users per pool. OCS 2007 R2 has no
	 * stated hard maximum (dd425162(v=office.13) documents 8 Front Ends for 100,000 users), see
	 * {@link ProductGeneration#maxFrontEndsPerPool()}.
	 */
	public static final int LYNC_2010_MAX_FRONT_ENDS_PER_POOL = 10;

	/** Users per Lync Server 2010 Enterprise pool. Source: learn.microsoft.com gg615015(v=ocs.14). */
	public static final int LYNC_2010_MAX_USERS_PER_POOL = 80_000;

	private DomainLimits() {
	}

	public static boolean isValidEndpointsPerUser(int value) {
		return value >= MIN_ENDPOINTS_PER_USER && value <= MAX_ENDPOINTS_PER_USER;
	}
}
