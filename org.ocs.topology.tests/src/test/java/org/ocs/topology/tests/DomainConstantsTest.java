package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.analysis.product.Ports;
import org.ocs.topology.analysis.product.ProductGeneration;
import org.ocs.topology.rules.Rule;

/**
 * The rule pages write the domain constants out as prose; the code reads them from
 * {@link DomainLimits}, {@link Ports} and {@link ProductGeneration}. Each page must say the value
 * the constant has, so that changing one without the other fails here.
 */
class DomainConstantsTest {

	private static final String[] WORDS = { "zero", "one", "two", "three", "four", "five" };

	/** The page's text with every run of white space one space, so a phrase may span a line break. */
	private static String page(Rule rule) throws IOException {
		return Files.readString(TopologyTestSupport.repositoryRoot().resolve("docs/rules/" + rule.id() + ".md"))
				.replaceAll("\\s+", " ");
	}

	private static void says(Rule rule, String... phrases) throws IOException {
		String text = page(rule);
		for (String phrase : phrases) {
			assertTrue(text.contains(phrase), "docs/rules/" + rule.id() + ".md should say '" + phrase + "'");
		}
	}

	@Test
	void idleTimeout() throws IOException {
		int t = DomainLimits.MIN_LB_TCP_IDLE_TIMEOUT_SECONDS;
		assertTrue(Rule.LB_IDLE_TIMEOUT_SHORT.summary().contains("under " + t + " seconds"));
		says(Rule.LB_IDLE_TIMEOUT_SHORT, "is below " + t + " seconds", "at least " + t + " seconds: `tcp idle timeout " + t + "`",
				"`Set the idle timeout to " + t + " s`", t + " seconds is the value", "tcp idle timeout " + t + " }");
	}

	@Test
	void groupChatServers() throws IOException {
		int max = DomainLimits.MAX_GROUP_CHAT_SERVERS_PER_POOL;
		assertTrue(Rule.GROUPCHAT_SERVERS_OVER_LIMIT.summary().contains("more than " + max + " Group Chat servers"));
		says(Rule.GROUPCHAT_SERVERS_OVER_LIMIT, "lists more than " + max + " Group Chat servers",
				"a pool has 1 to " + max + " servers", "adding up to " + WORDS[max - 1] + " more",
				"maximum is " + WORDS[max] + " servers", "keep 1 to " + max + " Group Chat servers",
				"for " + WORDS[max] + " servers at most", WORDS[max] + " in all");
	}

	@Test
	void frontEndsPerPool() throws IOException {
		int max = ProductGeneration.LYNC_2010.maxFrontEndsPerPool().getAsInt();
		String users = String.format(java.util.Locale.ROOT, "%,d", ProductGeneration.LYNC_2010.maxUsersPerPool().getAsInt());
		assertTrue(ProductGeneration.OCS_2007_R2.maxFrontEndsPerPool().isEmpty(), "R2 states no hard maximum");
		assertTrue(Rule.FRONTENDS_OVER_LIMIT.summary().contains("more than " + max + " Front Ends"));
		says(Rule.FRONTENDS_OVER_LIMIT, "list more than " + max + " servers",
				"supports up to " + max + " Front Ends per pool, for " + users + " users", "at most " + max + " each",
				"beyond " + max, "up to " + max + " Front Ends per pool, " + users + " users per pool",
				"no stated hard maximum");
	}

	@Test
	void endpointsPerUser() throws IOException {
		int min = DomainLimits.MIN_ENDPOINTS_PER_USER;
		int max = DomainLimits.MAX_ENDPOINTS_PER_USER;
		int byDefault = DomainLimits.DEFAULT_ENDPOINTS_PER_USER;
		assertTrue(Rule.MPOP_OUT_OF_RANGE.summary().contains("outside " + min + " to " + max));
		says(Rule.MPOP_OUT_OF_RANGE, "accepted range is " + min + " to " + max + ", default " + byDefault,
				"take only " + min + " to " + max, "(" + byDefault + " unless changed)",
				"Write a value from " + min + " to " + max, "keep the default of " + byDefault,
				"`Set to the default, " + byDefault + "`", byDefault + " is only the product's default");
		says(Rule.LOOKUP_OVER_MPOP, "the product default, " + byDefault, "product default of " + byDefault,
				min + " to " + max + ", default " + byDefault, "Registrations beyond " + max + ", the highest limit",
				"registrations exceed " + max + ": no setting");
	}

	@Test
	void r2PoolVipPorts() throws IOException {
		List<Ports.Port> required = ProductGeneration.OCS_2007_R2.requiredPoolVipPorts();
		String[] rows = required.stream().map(p -> "| TCP " + p.number() + " | " + p.what() + " |").toArray(String[]::new);
		says(Rule.VIP_PORTS_MISSING, rows);
		String list = required.stream().map(p -> String.valueOf(p.number())).collect(Collectors.joining(", "));
		says(Rule.VIP_PORTS_MISSING, "all " + WORDS[required.size()] + " that every OCS 2007 R2 pool VIP needs", "`ports tcp " + list + "`",
				"(" + list + " always;");
		says(Rule.VIP_PORTS_MISSING, ProductGeneration.OCS_2007_R2.featurePoolVipPorts().stream()
				.map(p -> p.number() + " (" + p.what() + ")").toArray(String[]::new));
		says(Rule.VIP_PORTS_MISSING, Ports.SIP_TCP + " (SIP over TCP, if used)", Ports.FEATURE_5065 + " and " + Ports.FEATURE_5069,
				Ports.HTTP_PHONE_UPDATES + " for phone updates");
	}

	/** Each Lync 2010 list is a table on the page, row for row, and the fix line of a Front End pool. */
	@Test
	void lync2010VipPorts() throws IOException {
		ProductGeneration lync = ProductGeneration.LYNC_2010;
		for (List<Ports.Port> ports : List.of(lync.requiredPoolVipPorts(), lync.requiredDirectorVipPorts())) {
			String table = ports.stream().map(p -> "| TCP " + p.number() + " | " + p.what() + " |").collect(Collectors.joining(" "));
			says(Rule.VIP_PORTS_MISSING, "|---|---| " + table + " ");
		}
		String list = lync.requiredPoolVipPorts().stream().map(p -> String.valueOf(p.number())).collect(Collectors.joining(", "));
		says(Rule.VIP_PORTS_MISSING, "`ports tcp " + list + "` (Lync Server 2010 Front End pool)");
		assertEquals(List.of(Ports.HTTPS, Ports.HTTP), lync.requiredWebServicesVipPorts(false).stream().map(Ports.Port::number).toList());
		assertEquals(List.of(Ports.HTTPS), lync.requiredWebServicesVipPorts(true).stream().map(Ports.Port::number).toList());
		says(Rule.VIP_PORTS_MISSING, "443 and 80 for a Front End pool and 443 for a Director pool");
		assertTrue(ProductGeneration.OCS_2007_R2.requiredDirectorVipPorts().isEmpty(), "no source lists an R2 Director's");
	}
}
