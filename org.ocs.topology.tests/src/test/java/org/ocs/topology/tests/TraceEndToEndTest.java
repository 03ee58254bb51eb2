package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code ocstopo trace}: the built command-line jar as a process, on the examples. */
class TraceEndToEndTest {


	@TempDir
	Path dir;

	@BeforeAll
	static void findJar() {
		CliEndToEndTest.findJar();
	}

	private CliEndToEndTest.Run cli(String... args) throws Exception {
		String[] trace = new String[args.length + 1];
		trace[0] = "trace";
		System.arraycopy(args, 0, trace, 1, args.length);
		return CliEndToEndTest.run(dir, trace);
	}

	private static Path example(String folder) {
		return TopologyTestSupport.repositoryRoot().resolve("examples").resolve(folder);
	}

	/** The 1-based line of a file on which some text first appears. */
	private static int lineOf(Path file, String text) throws Exception {
		List<String> lines = Files.readAllLines(file);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " not in " + file);
	}

	@Test
	void brokenRgsIsAHairpinThroughTheForwardingVirtualServer() throws Exception {
		Path broken = example("rgs-loadbalancer/broken");
		CliEndToEndTest.Run run = cli(broken.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "5071");
		assertEquals(1, run.exitCode(), run.toString());
		String[] lines = run.stdout().split("\n");
		int aRecord = lineOf(broken.resolve("topology.ocstopo"), "A fe2.contoso.com");
		assertTrue(lines[0].startsWith("fe1.contoso.com -> fe2.contoso.com (198.51.100.140) tcp/5071, resolved by DNS A record at "),
				run.toString());
		assertTrue(lines[0].endsWith("topology.ocstopo:" + aRecord + ":5"), run.toString());
		assertEquals("request:", lines[1]);
		// The balancer hop names the real line of the forwarding virtual server and of its automap line.
		int virtualServer = lineOf(broken.resolve("hq.ocstopo"), "forwarding virtual server routed");
		int automap = virtualServer + 1;
		assertTrue(Files.readAllLines(broken.resolve("hq.ocstopo")).get(automap - 1).contains("source translation automap"));
		String balancerHop = lines[3];
		assertTrue(balancerHop.startsWith("  2. bigip01: forwarding virtual server routed"), run.toString());
		assertTrue(balancerHop.contains("virtual server " + broken.resolve("hq.ocstopo") + ":" + virtualServer + ":9"),
				balancerHop);
		assertTrue(balancerHop.contains("source translation " + broken.resolve("hq.ocstopo") + ":" + automap + ":"),
				balancerHop);
		int selfIp = lineOf(broken.resolve("hq.ocstopo"), "self ip 198.51.100.129");
		assertTrue(balancerHop.contains("self IP " + broken.resolve("hq.ocstopo") + ":" + selfIp + ":"), balancerHop);
		int gateway = lineOf(broken.resolve("hq.ocstopo"), "default gateway 198.51.100.1");
		assertTrue(lines[2].startsWith("  1. fe1.contoso.com sends it from 198.51.100.11 to its default gateway 198.51.100.1"));
		assertTrue(lines[2].endsWith("(default gateway " + broken.resolve("hq.ocstopo") + ":" + gateway + ":9)"), lines[2]);
		assertTrue(run.stdout().contains("\nreply:\n"), run.toString());
		assertEquals("verdict: hairpin: fe2.contoso.com sees the connection coming from 198.51.100.129 (load balancer bigip01),"
				+ " not from fe1.contoso.com", lines[lines.length - 1]);
		assertEquals("", run.stderr());
	}

	@Test
	void fixedRgsIsDeliveredOnTheSharedSubnet() throws Exception {
		Path fixed = example("rgs-loadbalancer/fixed");
		CliEndToEndTest.Run run = cli(fixed.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "5071");
		assertEquals(0, run.exitCode(), run.toString());
		assertTrue(run.stdout().startsWith("fe1.contoso.com -> fe2.contoso.com (192.0.2.12) tcp/5071"), run.toString());
		assertFalse(run.stdout().contains("bigip01"), run.toString());
		assertTrue(run.stdout().endsWith("verdict: delivered: fe1.contoso.com reaches fe2.contoso.com directly and the reply"
				+ " comes back the same way\n"), run.toString());
	}

	@Test
	void multisitePoolNameTracesEveryARecord() throws Exception {
		Path multisite = example("multisite");
		CliEndToEndTest.Run run = cli(multisite.toString(), "--from", "sea-fe01.fabrikam.com", "--to", "dub-pool01.fabrikam.com", "--port",
				"5061");
		assertEquals(0, run.exitCode(), run.toString());
		Path dns = multisite.resolve("dns.ocstopo");
		for (String address : List.of("198.51.100.11", "198.51.100.12", "198.51.100.13")) {
			int record = lineOf(dns, "A dub-pool01.fabrikam.com -> " + address);
			assertTrue(run.stdout().contains("sea-fe01.fabrikam.com -> dub-pool01.fabrikam.com (" + address
					+ ") tcp/5061, resolved by DNS A record at " + dns + ":" + record + ":5\n"), run.toString());
		}
		assertEquals(3, run.stdout().split("\nverdict: delivered: ", -1).length - 1, run.toString());
		// Between sites the packet crosses a router no file declares: the hop says what is assumed, at
		// the gateway line that names it.
		assertTrue(run.stdout().contains(". router 192.0.2.1, which no declaration owns, is assumed to reach every declared"
				+ " subnet: it forwards it straight to 198.51.100.11   (default gateway " + multisite.resolve("seattle.ocstopo")
				+ ":14:9)\n"), run.toString());
	}

	@Test
	void aHostsEntryWinsOverDns() throws Exception {
		// The field fix for the broken example: fe1's hosts file names fe2's address on the shared subnet.
		Path copy = Files.createDirectory(dir.resolve("hosts-fix"));
		Path broken = example("rgs-loadbalancer/broken");
		Files.copy(broken.resolve("topology.ocstopo"), copy.resolve("topology.ocstopo"));
		String hq = Files.readString(broken.resolve("hq.ocstopo"));
		String gateway = "        default gateway 198.51.100.1\n";
		assertTrue(hq.contains(gateway));
		Files.writeString(copy.resolve("hq.ocstopo"),
				hq.replaceFirst(gateway, gateway + "        hosts fe2.contoso.com -> 192.0.2.12\n"));
		CliEndToEndTest.Run run = cli(copy.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "5071");
		assertEquals(0, run.exitCode(), run.toString());
		// The CLI runs in the temporary folder: files inside it are shown relative to it, as the user typed them.
		int entry = lineOf(copy.resolve("hq.ocstopo"), "hosts fe2.contoso.com");
		assertTrue(run.stdout().startsWith("fe1.contoso.com -> fe2.contoso.com (192.0.2.12) tcp/5071, resolved by the hosts entry at "
				+ "hosts-fix/hq.ocstopo:" + entry + ":9\n"), run.toString());
		assertTrue(run.stdout().contains("\nverdict: delivered: "), run.toString());
	}

	@Test
	void aPortTheVipDoesNotServeIsDroppedThere() throws Exception {
		Path broken = example("rgs-loadbalancer/broken");
		CliEndToEndTest.Run run = cli(broken.toString(), "--from", "fe1.contoso.com", "--to", "pool01.contoso.com", "--port", "80");
		assertEquals(1, run.exitCode(), run.toString());
		int vip = lineOf(broken.resolve("hq.ocstopo"), "virtual server pool01-vip");
		assertTrue(run.stdout().contains("\n  2. dropped at bigip01: the packet reaches VIP 203.0.113.10 of bigip01, which has no"
				+ " virtual server for TCP 80   (virtual server " + broken.resolve("hq.ocstopo") + ":" + vip + ":9)\n"),
				run.toString());
		assertFalse(run.stdout().contains("reply:"), run.toString());
		assertTrue(run.stdout().endsWith("verdict: dropped: the request reaches VIP 203.0.113.10 of bigip01, which has no"
				+ " virtual server for TCP 80\n"), run.toString());
	}

	@Test
	void theAsymmetricRulePagesFailingExampleIsAsymmetric() throws Exception {
		String page = Files.readString(TopologyTestSupport.repositoryRoot().resolve("docs/rules/pool-traffic-asymmetric.md"));
		String failing = page.substring(page.indexOf("Failing example"));
		failing = failing.substring(failing.indexOf("```ocstopo\n") + "```ocstopo\n".length());
		failing = failing.substring(0, failing.indexOf("```"));
		Path folder = Files.createDirectory(dir.resolve("asymmetric"));
		Files.writeString(folder.resolve("topology.ocstopo"), failing);
		CliEndToEndTest.Run run = cli(folder.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "5061");
		assertEquals(1, run.exitCode(), run.toString());
		assertTrue(run.stdout().contains("\nverdict: asymmetric: "), run.toString());
		assertTrue(run.stdout().contains("\nreply:\n"), run.toString());
	}

	@Test
	void unknownServerOrNameCannotRunAndSuggests() throws Exception {
		String broken = example("rgs-loadbalancer/broken").toString();
		CliEndToEndTest.Run server = cli(broken, "--from", "fe3.contoso.com", "--to", "fe2.contoso.com", "--port", "5071");
		assertEquals(2, server.exitCode(), server.toString());
		assertEquals("", server.stdout());
		assertEquals("ocstopo: no server 'fe3.contoso.com' in " + broken + " (did you mean 'fe1.contoso.com'?)\n",
				server.stderr());
		CliEndToEndTest.Run name = cli(broken, "--from", "fe1.contoso.com", "--to", "fe2.contoso.co", "--port", "5071");
		assertEquals(2, name.exitCode(), name.toString());
		assertEquals("ocstopo: fe2.contoso.co resolves to nothing for fe1.contoso.com: no hosts entry and no DNS A record"
				+ " (did you mean 'fe2.contoso.com'?)\n", name.stderr());
	}

	@Test
	void syntaxErrorsWarnAndTheRestIsTraced() throws Exception {
		Path copy = Files.createDirectory(dir.resolve("broken-copy"));
		Path broken = example("rgs-loadbalancer/broken");
		for (String file : List.of("hq.ocstopo", "topology.ocstopo")) {
			Files.copy(broken.resolve(file), copy.resolve(file));
		}
		Files.writeString(copy.resolve("extra.ocstopo"), "site Extra {\n    server oops {{\n");
		CliEndToEndTest.Run run = cli(copy.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "5071");
		assertEquals(1, run.exitCode(), run.toString());
		assertTrue(run.stderr().startsWith("ocstopo: warning: "), run.toString());
		assertTrue(run.stderr().contains("extra.ocstopo:2:"), run.toString());
		assertEquals(1, run.stderr().lines().count(), run.toString());
		assertTrue(run.stdout().contains("verdict: hairpin: "), run.toString());
	}

	@Test
	void jsonIsOneObjectPerFlowWithLocatedHops() throws Exception {
		Path broken = example("rgs-loadbalancer/broken");
		CliEndToEndTest.Run run = cli(broken.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "5071",
				"--format", "json");
		assertEquals(1, run.exitCode(), run.toString());
		JsonArray flows = JsonParser.parseString(run.stdout()).getAsJsonArray();
		assertEquals(1, flows.size());
		JsonObject flow = flows.get(0).getAsJsonObject();
		assertEquals("fe1.contoso.com", flow.get("from").getAsString());
		assertEquals("fe2.contoso.com", flow.get("to").getAsString());
		assertEquals(5071, flow.get("port").getAsInt());
		JsonObject resolved = flow.getAsJsonObject("resolved");
		assertEquals("198.51.100.140", resolved.get("address").getAsString());
		assertEquals("dns", resolved.get("method").getAsString());
		assertEquals(lineOf(broken.resolve("topology.ocstopo"), "A fe2.contoso.com"),
				resolved.getAsJsonObject("location").get("line").getAsInt());
		JsonArray request = flow.getAsJsonArray("request");
		assertEquals(List.of("send", "balancer", "deliver"), actions(request));
		JsonObject balancer = request.get(1).getAsJsonObject();
		assertEquals("bigip01", balancer.get("device").getAsString());
		assertEquals("198.51.100.11", balancer.get("sourceIn").getAsString());
		assertEquals("198.51.100.129", balancer.get("source").getAsString());
		JsonObject location = balancer.getAsJsonObject("location");
		assertEquals(broken.resolve("hq.ocstopo").toString(), location.get("file").getAsString());
		assertEquals(lineOf(broken.resolve("hq.ocstopo"), "forwarding virtual server routed"), location.get("line").getAsInt());
		assertEquals(9, location.get("column").getAsInt());
		assertEquals(List.of("send", "balancer", "deliver"), actions(flow.getAsJsonArray("reply")));
		JsonObject verdict = flow.getAsJsonObject("verdict");
		assertEquals("hairpin", verdict.get("result").getAsString());
		assertTrue(verdict.get("problem").getAsBoolean());
		assertEquals("source-translated", verdict.get("cause").getAsString(), "the cause as data, next to its words");

		CliEndToEndTest.Run fixed = cli(example("rgs-loadbalancer/fixed").toString(), "--from", "fe1.contoso.com", "--to",
				"fe2.contoso.com", "--port", "5071", "--format", "json");
		assertEquals(0, fixed.exitCode(), fixed.toString());
		JsonObject delivered = JsonParser.parseString(fixed.stdout()).getAsJsonArray().get(0).getAsJsonObject();
		assertEquals("delivered", delivered.getAsJsonObject("verdict").get("result").getAsString());
		assertFalse(delivered.getAsJsonObject("verdict").get("problem").getAsBoolean());
	}

	@Test
	void aDropSaysItsReasonAsData() throws Exception {
		// Without its forwarding virtual server the BIG-IP routes nothing: the request stops there.
		Path copy = Files.createDirectory(dir.resolve("no-forwarding"));
		Path broken = example("rgs-loadbalancer/broken");
		Files.copy(broken.resolve("topology.ocstopo"), copy.resolve("topology.ocstopo"));
		String hq = Files.readString(broken.resolve("hq.ocstopo"));
		String forwarding = "        forwarding virtual server routed 0.0.0.0/0 {\n            source translation automap\n        }\n";
		assertTrue(hq.contains(forwarding));
		Files.writeString(copy.resolve("hq.ocstopo"), hq.replace(forwarding, ""));
		CliEndToEndTest.Run run = cli(copy.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "5071",
				"--format", "json");
		assertEquals(1, run.exitCode(), run.toString());
		JsonArray request = JsonParser.parseString(run.stdout()).getAsJsonArray().get(0).getAsJsonObject().getAsJsonArray("request");
		assertEquals(List.of("send", "drop"), actions(request));
		JsonObject drop = request.get(1).getAsJsonObject();
		assertEquals("no_virtual_server", drop.get("dropReason").getAsString());
		assertFalse(request.get(0).getAsJsonObject().has("dropReason"), "only a drop has a reason");
		assertEquals("server", request.get(0).getAsJsonObject().get("role").getAsString());
		assertEquals("balancer", drop.get("role").getAsString());
		assertEquals("request-dropped", JsonParser.parseString(run.stdout()).getAsJsonArray().get(0).getAsJsonObject()
				.getAsJsonObject("verdict").get("cause").getAsString());
	}

	@Test
	void aForwardingVirtualServerForOtherPortsIsNamedNotCalledAbsent() throws Exception {
		Path copy = Files.createDirectory(dir.resolve("only-5071"));
		Path broken = example("rgs-loadbalancer/broken");
		Files.copy(broken.resolve("topology.ocstopo"), copy.resolve("topology.ocstopo"));
		String hq = Files.readString(broken.resolve("hq.ocstopo"));
		String forwarding = "        forwarding virtual server routed 0.0.0.0/0 {\n";
		assertTrue(hq.contains(forwarding));
		Files.writeString(copy.resolve("hq.ocstopo"), hq.replace(forwarding, forwarding + "            ports tcp 5071\n"));
		CliEndToEndTest.Run run = cli(copy.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "444");
		assertEquals(1, run.exitCode(), run.toString());
		assertTrue(run.stdout().contains("dropped at bigip01: the packet reaches bigip01, whose forwarding virtual server routed"
				+ " covers 198.51.100.140 but not TCP 444, and drops it"), run.stdout());
		CliEndToEndTest.Run json = cli(copy.toString(), "--from", "fe1.contoso.com", "--to", "fe2.contoso.com", "--port", "444",
				"--format", "json");
		JsonArray request = JsonParser.parseString(json.stdout()).getAsJsonArray().get(0).getAsJsonObject()
				.getAsJsonArray("request");
		assertEquals("forwarding_not_for_port", request.get(request.size() - 1).getAsJsonObject().get("dropReason")
				.getAsString());
	}

	private static List<String> actions(JsonArray hops) {
		List<String> actions = new ArrayList<>();
		for (JsonElement hop : hops) {
			actions.add(hop.getAsJsonObject().get("action").getAsString());
		}
		return actions;
	}
}
