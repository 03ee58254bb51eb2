package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.tests.CliEndToEndTest.Run;

/** The routing model through the built command line: what the topology states decides the exit code. */
class RoutingEndToEndTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void findJar() {
		CliEndToEndTest.findJar();
	}

	/**
	 * The asymmetric rule page's failing example, with fe2's default gateway on the balancer and a
	 * route to fe1's subnet through the management router: a weak host answers fe1 through the
	 * router (asymmetric), a strong one out of the interface fe1 called, through the balancer.
	 */
	private void topology(String windows) throws Exception {
		topology(windows, true);
	}

	/** {@code declareRouter}: the page's management router 192.0.2.1 kept, or taken out so that nothing declares it. */
	private void topology(String windows, boolean declareRouter) throws Exception {
		String page = Files.readString(TopologyTestSupport.repositoryRoot().resolve("docs/rules/pool-traffic-asymmetric.md"));
		String example = page.substring(page.indexOf("```ocstopo\n", page.indexOf("## Failing example")) + 11);
		example = example.substring(0, example.indexOf("```"));
		example = example.replace("        default gateway 192.0.2.1\n",
				"        default gateway 198.51.100.129\n        route 198.51.100.0/25 via 192.0.2.1\n");
		if (windows != null) {
			example = example.replace("    product ocs2007r2\n", "    product ocs2007r2\n    windows " + windows + "\n");
		}
		String router = "    router mgmt-router {\n        interface 192.0.2.1 on management\n"
				+ "        interface 198.51.100.3 on lb-side-a\n    }\n";
		assertTrue(example.contains(router), "the page's failing example declares the management router");
		if (!declareRouter) {
			example = example.replace(router, "");
		}
		Files.writeString(dir.resolve("t.ocstopo"), example);
	}

	@Test
	void anUnstatedHostModelMakesADependentVerdictAWarningAndTheBuildPasses() throws Exception {
		topology(null);
		Run run = CliEndToEndTest.run(dir, "validate", "t.ocstopo");
		assertTrue(run.stdout().contains(": warning pool-traffic-asymmetric "), run.toString());
		assertTrue(!run.stdout().contains(": error "), run.toString());
		assertTrue(run.stdout().contains("which the topology does not state"), run.toString());
		assertEquals(0, run.exitCode(), "no error rests on an assumption: " + run);
	}

	@Test
	void anErrorThatRestsOnAnUndeclaredRouterIsAWarningAndTheBuildPasses() throws Exception {
		topology("ws2003", false);
		Run run = CliEndToEndTest.run(dir, "validate", "t.ocstopo");
		assertTrue(run.stdout().contains(": warning pool-traffic-asymmetric "), run.toString());
		assertTrue(!run.stdout().contains(": error "), run.toString());
		assertTrue(run.stdout().contains("This rests on router 192.0.2.1, which no declaration owns"), run.toString());
		assertTrue(run.stdout().contains("router 192.0.2.1, which no declaration owns, is assumed to reach every declared subnet"),
				"the trace under the finding shows the assumed hop: " + run);
		assertEquals(0, run.exitCode(), "no error rests on an assumption: " + run);
	}

	@Test
	void statingTheWindowsVersionSettlesIt() throws Exception {
		topology("ws2003");
		Run weak = CliEndToEndTest.run(dir, "validate", "t.ocstopo");
		assertEquals(1, weak.exitCode(), weak.toString());
		assertTrue(weak.stdout().contains(": error pool-traffic-asymmetric "), weak.toString());
		assertTrue(!weak.stdout().contains("does not state"), weak.toString());
	}
}
