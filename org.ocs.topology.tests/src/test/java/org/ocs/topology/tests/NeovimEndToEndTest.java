package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor nobody here wrote: Neovim (Debian's), headless, with its built-in LSP client
 * talking to the built language server jar. The script waits for the hairpin diagnostic, picks the
 * DNS fix from the code action menu and writes the file; this test checks the file on disk.
 * On a machine without Neovim the test is skipped, except in CI (CI=true), whose .ci/run installs it.
 */
class NeovimEndToEndTest {

	@Test
	void neovimAppliesTheQuickFixAndWritesTheFile(@TempDir Path workspace) throws Exception {
		boolean hasNeovim = List.of("/usr/bin/nvim", "/usr/local/bin/nvim").stream().anyMatch(p -> Files.isExecutable(Path.of(p)));
		if (!hasNeovim && !"true".equals(System.getenv("CI"))) {
			Assumptions.abort("Neovim is not installed (apt-get install neovim); CI installs it and runs this test");
		}
		assertTrue(hasNeovim, "CI must install Neovim (see .ci/run)");
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Path topology = workspace.resolve("topology.ocstopo");
		Files.copy(broken.resolve("topology.ocstopo"), topology);
		Files.copy(broken.resolve("hq.ocstopo"), workspace.resolve("hq.ocstopo"));
		Path script = Files.writeString(workspace.resolve("quickfix.lua"), new String(
				NeovimEndToEndTest.class.getResourceAsStream("/neovim/quickfix.lua").readAllBytes(), StandardCharsets.UTF_8));
		Path jar = Path.of(System.getProperty("ocstopo.ls.jar",
				TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.ide/target/ocstopo-language-server.jar").toString()));

		ProcessBuilder builder = new ProcessBuilder("nvim", "--headless", "--clean", "-c", "luafile " + script)
				.directory(workspace.toFile()).redirectErrorStream(true);
		builder.environment().put("OCSTOPO_LS_JAR", jar.toString());
		builder.environment().put("OCSTOPO_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		builder.environment().put("OCSTOPO_WORKSPACE", workspace.toString());
		builder.environment().put("HOME", workspace.toString());
		Process nvim = builder.start();
		nvim.getOutputStream().close();
		String output = new String(nvim.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(nvim.waitFor(180, TimeUnit.SECONDS), "Neovim did not finish: " + output);
		assertEquals(0, nvim.exitValue(), "Neovim failed: " + output);

		String written = Files.readString(topology);
		assertTrue(written.contains("A fe1.contoso.com -> 192.0.2.11") || written.contains("A fe2.contoso.com -> 192.0.2.12"),
				"the fix is on disk:\n" + written);
		assertTrue(written.contains("// The load-balancer-facing addresses, on two different subnets: the cause."),
				"comments stay");
	}
}
