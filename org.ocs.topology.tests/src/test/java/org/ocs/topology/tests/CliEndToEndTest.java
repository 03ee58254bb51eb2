package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built command-line jar, run as a process the way the launcher script runs it. */
class CliEndToEndTest {

	record Run(int exitCode, String stdout, String stderr) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
		}
	}

	private static Path jar;

	/** The CLI jar the build made (or {@code -Docstopo.cli.jar}). */
	static Path jar() {
		findJar();
		return jar;
	}

	@BeforeAll
	static void findJar() {
		jar = Path.of(System.getProperty("ocstopo.cli.jar",
				TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.cli/target/ocstopo.jar").toString()));
		assertTrue(Files.isRegularFile(jar), "build the CLI jar first: " + jar);
	}

	/**
	 * The jar as a process; stderr goes to a file, so a chatty stderr can never fill its pipe while
	 * stdout is being read (the one runner of every CLI end-to-end test).
	 */
	static Run run(Path workingDirectory, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString()));
		command.addAll(List.of(args));
		Path stderr = Files.createTempFile("ocstopo-stderr", ".txt");
		try {
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectError(stderr.toFile())
					.start();
			process.getOutputStream().close();
			String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertTrue(process.waitFor(300, TimeUnit.SECONDS), "CLI did not finish");
			return new Run(process.exitValue(), stdout, Files.readString(stderr));
		} finally {
			Files.deleteIfExists(stderr);
		}
	}

	@Test
	void cleanExampleExitsZeroAndPrintsNoFinding() throws Exception {
		Run run = run(TopologyTestSupport.repositoryRoot(), "validate", "examples/multisite");
		assertEquals(0, run.exitCode(), run.toString());
		assertEquals("", run.stdout());
		assertTrue(run.stderr().contains("0 errors"), run.stderr());
	}

	@Test
	void findingsArePrintedAsFileLineColumnSeverityIdMessageAndExitOne(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("site.ocstopo"), """
				subnet lan 192.0.2.0/24
				server fe1.contoso.com {
				    interface 192.168.1.300 on lan
				    default gateway 192.0.2.1
				    default gateway 192.0.2.254
				}
				""");
		Files.writeString(dir.resolve("pools.ocstopo"), """
				enterprise pool pool1.contoso.com {
				    front ends fe1.contoso.com, fe9.contoso.com
				}
				""");
		Run run = run(dir, "validate", ".");
		assertEquals(1, run.exitCode(), run.toString());
		List<String> lines = run.stdout().lines().toList();
		assertEquals(List.of(
				"pools.ocstopo:2:33: error unresolved-reference No server named 'fe9.contoso.com' is declared in this folder.",
				"site.ocstopo:3:15: error address-malformed 192.168.1.300 (interface of server fe1.contoso.com) has part 300, but each part is 0 to 255.",
				"site.ocstopo:5:21: warning gateway-multiple Server fe1.contoso.com has 2 default gateways (192.0.2.1, 192.0.2.254): Windows sends through one of them at a time, so off-subnet traffic may leave by either; keep one and add static routes."),
				lines);
		assertTrue(run.stderr().contains("2 files, 2 errors, 1 warning"), run.stderr());
	}

	@Test
	void aSingleFileIsCheckedWithItsFolderSoReferencesResolve(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("a.ocstopo"), "server fe1.contoso.com\n");
		Files.writeString(dir.resolve("b.ocstopo"), "enterprise pool p.contoso.com {\n    front ends fe1.contoso.com\n}\n");
		Files.writeString(dir.resolve("c.ocstopo"), "server x.contoso.com {\n    interface 1.2.3.999/24\n}\n");
		Run run = run(dir, "validate", "b.ocstopo");
		assertEquals(0, run.exitCode(), run.toString());
		assertEquals("", run.stdout(), "only the named file's findings");
	}

	@Test
	void warningsAloneExitZero(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("t.ocstopo"), "subnet lan 192.0.2.5/24\n");
		Run run = run(dir, "validate", "t.ocstopo");
		assertEquals(0, run.exitCode(), run.toString());
		assertTrue(run.stdout().startsWith("t.ocstopo:1:12: warning subnet-host-bits "), run.stdout());
	}

	@Test
	void syntaxErrorsArePositionedFindingsNotCrashes(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("t.ocstopo"), "server fe1.contoso.com {\n    interface 192.0.2.1/24 lan\n}\n");
		Run run = run(dir, "validate", "t.ocstopo");
		assertEquals(1, run.exitCode(), run.toString());
		assertTrue(run.stdout().startsWith("t.ocstopo:2:28: error syntax-error "), run.stdout());
		assertFalse(run.stderr().contains("Exception"), run.stderr());
	}

	@Test
	void cannotRunExitsTwoWithOneLineAndNoStackTrace(@TempDir Path dir) throws Exception {
		Run missing = run(dir, "validate", "no-such.ocstopo");
		assertEquals(2, missing.exitCode(), missing.toString());
		assertEquals("ocstopo: no-such.ocstopo: no such file or folder", missing.stderr().strip());
		assertEquals("", missing.stdout());

		Files.writeString(dir.resolve("notes.txt"), "hello");
		Run wrongKind = run(dir, "validate", "notes.txt");
		assertEquals(2, wrongKind.exitCode());
		assertEquals(1, wrongKind.stderr().strip().lines().count(), wrongKind.stderr());

		Path unreadable = Files.writeString(dir.resolve("locked.ocstopo"), "server a.contoso.com\n");
		if (unreadable.toFile().setReadable(false) && !Files.isReadable(unreadable)) {
			Run locked = run(dir, "validate", "locked.ocstopo");
			assertEquals(2, locked.exitCode(), locked.toString());
			assertFalse(locked.stderr().contains("\tat "), locked.stderr());
		}

		Run noArgs = run(dir, "validate");
		assertEquals(2, noArgs.exitCode());
		assertFalse(noArgs.stderr().contains("\tat "), noArgs.stderr());

		Run emptyFolder = run(dir.resolve(".."), "validate", dir.getFileName().toString() + "/nothing-here");
		assertEquals(2, emptyFolder.exitCode());
	}
}
