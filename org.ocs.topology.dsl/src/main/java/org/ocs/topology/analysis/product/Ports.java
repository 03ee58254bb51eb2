package org.ocs.topology.analysis.product;

import java.util.List;

/**
 * TCP ports of OCS 2007 R2 and Lync Server 2010 servers and pool VIPs, each with its source (the
 * project's domain reference, shared DOMAIN.md, lists them). Which ports a product's pool VIP
 * needs is {@link ProductGeneration#requiredPoolVipPorts()}.
 */
public final class Ports {

	/** A port and what it carries, as messages and quick fixes name it. */
	public record Port(int number, String what) {
		public String label() {
			return "TCP " + number + " (" + what + ")";
		}
	}

	/** SIP over TCP, on the R2 pool VIP if used. Source: TechNet dd572362(v=office.13). */
	public static final int SIP_TCP = 5060;
	/**
	 * SIP over TLS: the pool VIP and between Front Ends; also the port of the
	 * {@code _sipinternaltls._tcp} SRV record. Sources: TechNet dd572362(v=office.13);
	 * bb663700(office.12) (SRV record).
	 */
	public static final int SIP_TLS = 5061;
	/** DCOM, on every R2 pool VIP. Source: TechNet dd572362(v=office.13). */
	public static final int DCOM = 135;
	/** HTTPS, on every R2 pool VIP. Source: TechNet dd572362(v=office.13). */
	public static final int HTTPS = 443;
	/** Focus to conferencing servers, on every R2 pool VIP. Source: TechNet dd572362(v=office.13). */
	public static final int FOCUS_CONFERENCING = 444;
	/**
	 * On the R2 pool VIP "when those features are used". Source: TechNet dd572362(v=office.13);
	 * DOMAIN.md does not say which feature uses 5065 or 5069 (no source names it).
	 */
	public static final int FEATURE_5065 = 5065;
	/** As {@link #FEATURE_5065}: the feature is not named by any source the project has. */
	public static final int FEATURE_5069 = 5069;
	/**
	 * Response Group Match Making, Front End to Front End (and on the R2 pool VIP when Response
	 * Group is used). Sources: TechNet dd572362(v=office.13); field report "OCS 2007 R2 Load
	 * Balancing - Response Group Service Unavailable" (seeds/rgs-load-balancer-routing.txt).
	 */
	public static final int RESPONSE_GROUP = 5071;
	/** Conferencing Attendant, on the R2 pool VIP when used. Source: TechNet dd572362(v=office.13). */
	public static final int CONFERENCING_ATTENDANT = 5072;
	/** Conferencing Announcement, on the R2 pool VIP when used. Source: TechNet dd572362(v=office.13). */
	public static final int CONFERENCING_ANNOUNCEMENT = 5073;
	/** Outside Voice Control, on the R2 pool VIP when used. Source: TechNet dd572362(v=office.13). */
	public static final int OUTSIDE_VOICE_CONTROL = 5074;
	/**
	 * SQL Server's default instance: a Front End to its pool's back end, a Group Chat server to its
	 * database. Source: Lync Server 2010 documentation, firewall exceptions for the SQL Server Back
	 * End Server ("TCP 1433, inbound to SQL Server" for the default instance; a named instance has
	 * a static port of its own). Not in DOMAIN.md.
	 */
	public static final int SQL_DEFAULT_INSTANCE = 1433;
	/**
	 * SIP over MTLS on which a Lync Server 2010 Mediation Server listens for its Front Ends ("port
	 * 5070 is used for TLS traffic coming from the Lync server", the gateway side being 5067); the
	 * Front Ends take the Mediation Server's traffic on {@link #SIP_TLS} ("SIP communications between
	 * Front End Servers and Mediation Servers (MTLS)"). Sources: learn.microsoft.com gg398833(v=ocs.14),
	 * "Ports and Protocols for Internal Servers" (Lync Server 2010; its Lync Server 2013 edition lists
	 * "Mediation Servers | Lync Server Mediation service | 5070 | TCP | Used by the Mediation Server
	 * for incoming requests from the Front End Server"); B. Spurlock, "Demystifying the Mediation
	 * Server Role", ITPro Today, 2013.
	 */
	public static final int MEDIATION_SIP_LYNC_2010 = 5070;

	/**
	 * The OCS 2007 R2 Mediation Server's internal edge, where its next hop proxy (the Front Ends)
	 * reaches it: "a unique static route ... The default port is 5061" (the gateway edge is 5060).
	 * Source: TechNet dd572179(office.13), "Configuring the Mediation Server".
	 */
	public static final int MEDIATION_INTERNAL_EDGE_OCS_2007_R2 = SIP_TLS;

	/**
	 * HTTP from clients to a Lync Server 2010 pool's web services, through the hardware balancer
	 * ("HTTPS traffic from clients over ports 443 and 80"). Source: gg398634(v=ocs.14), "DNS Load Balancing".
	 */
	public static final int HTTP = 80;

	/** HTTP for phone updates on the R2 pool VIP. Source: a field report, jasonshave.blogspot.com, July 2009 (not Microsoft). */
	public static final int HTTP_PHONE_UPDATES = 80;

	/** The ports every OCS 2007 R2 Enterprise pool VIP needs. Source: TechNet dd572362(v=office.13). */
	public static final List<Port> OCS_2007_R2_REQUIRED_POOL_VIP = List.of(new Port(SIP_TLS, "SIP over TLS"),
			new Port(DCOM, "DCOM"), new Port(HTTPS, "HTTPS"), new Port(FOCUS_CONFERENCING, "focus to conferencing servers"));

	/**
	 * The ports every Lync Server 2010 Front End pool VIP needs where the pool is balanced by hardware:
	 * SIP over TLS, the focus and conferencing servers, DCOM (gg398833(v=ocs.14): "Used by Standard
	 * Edition servers and Front End pools" for each), and the web services from clients, 443 and 80
	 * (gg398634(v=ocs.14)). The Lync 2013 edition of gg398833 lists all five on the Front End
	 * balancer; its further ports (4443 and 8080 from a reverse proxy, 5071 to 5073, 5075, 5076,
	 * 5080, 448 for features) depend on what is deployed and are not required here.
	 */
	public static final List<Port> LYNC_2010_REQUIRED_FRONT_END_VIP = List.of(new Port(SIP_TLS, "SIP over TLS"),
			new Port(FOCUS_CONFERENCING, "focus to conferencing servers"), new Port(DCOM, "DCOM"),
			new Port(HTTPS, "HTTPS web services"), new Port(HTTP, "HTTP web services"));

	/**
	 * The ports every Lync Server 2010 Director pool VIP needs where the pool is balanced by hardware:
	 * SIP over TLS, Director to Front End (444) and HTTPS. Sources: the Lync 2013 edition of
	 * gg398833 (Director load balancer: 443, 444, 5061, and 4443 from a reverse proxy); the KEMP
	 * LoadMaster deployment guide for Lync 2010 ("Required Services for Director Pools": 5061, 5060,
	 * 443, 444; 5060 only where SIP over TCP is used).
	 */
	public static final List<Port> LYNC_2010_REQUIRED_DIRECTOR_VIP = List.of(new Port(SIP_TLS, "SIP over TLS"),
			new Port(HTTPS, "HTTPS web services"), new Port(FOCUS_CONFERENCING, "Director to Front End"));

	/**
	 * The ports of a Lync Server 2010 pool's web services VIP where SIP is balanced by DNS: "the
	 * hardware load balancer is used for HTTPS traffic from clients over ports 443 and 80"
	 * (gg398634(v=ocs.14)); a Director's, 443 (the Lync 2013 edition of gg398833).
	 */
	public static final List<Port> LYNC_2010_FRONT_END_WEB_SERVICES_VIP = List.of(new Port(HTTPS, "HTTPS web services"),
			new Port(HTTP, "HTTP web services"));

	/** As {@link #LYNC_2010_FRONT_END_WEB_SERVICES_VIP}, for a Director pool. */
	public static final List<Port> LYNC_2010_DIRECTOR_WEB_SERVICES_VIP = List.of(new Port(HTTPS, "HTTPS web services"));

	/**
	 * The R2 pool VIP ports of named features, added when the feature is used. Source: TechNet
	 * dd572362(v=office.13). 5060, 5065, 5069 and 80 are left out: 5060 only where SIP over TCP is
	 * used, 5065 and 5069 have no named feature, 80 comes from a field report.
	 */
	public static final List<Port> OCS_2007_R2_FEATURE_POOL_VIP = List.of(new Port(RESPONSE_GROUP, "Response Group"),
			new Port(CONFERENCING_ATTENDANT, "Conferencing Attendant"),
			new Port(CONFERENCING_ANNOUNCEMENT, "Conferencing Announcement"),
			new Port(OUTSIDE_VOICE_CONTROL, "Outside Voice Control"));

	private Ports() {
	}
}
