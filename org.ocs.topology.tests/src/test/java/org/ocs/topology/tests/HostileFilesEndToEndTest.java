package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, items 1 and 2: files as a user's machine has them, through the command line as a
 * process. Every run has a deadline: a command that waits on a named pipe fails the test instead
 * of hanging the build.
 */
class HostileFilesEndToEndTest {

	private static final String SUBNET = "subnet lan 10.0.1.0/24\n";

	private static Path jar;

	@BeforeAll
	static void findJar() {
		jar = CliEndToEndTest.jar();
	}

	/** The CLI as a process, killed after a minute; as the unprivileged user 'nobody' when asked (root reads anything). */
	private static CliEndToEndTest.Run run(Path dir, boolean unprivileged, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		Path runnable = jar;
		if (unprivileged && isRoot()) {
			command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
			runnable = TopologyTestSupport.readableByAnyone(jar);
		}
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", runnable.toString()));
		command.addAll(List.of(args));
		Path stdout = Files.createTempFile("ocstopo-stdout", ".txt");
		Path stderr = Files.createTempFile("ocstopo-stderr", ".txt");
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout.toFile())
					.redirectError(stderr.toFile()).start();
			process.getOutputStream().close();
			boolean finished = process.waitFor(60, TimeUnit.SECONDS);
			if (!finished) {
				process.destroyForcibly();
			}
			assertTrue(finished, "ocstopo " + String.join(" ", args) + " did not finish in 60 s: it waits on something");
			return new CliEndToEndTest.Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		} finally {
			Files.deleteIfExists(stdout);
			Files.deleteIfExists(stderr);
		}
	}

	private static CliEndToEndTest.Run run(Path dir, String... args) throws IOException, InterruptedException {
		return run(dir, false, args);
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	@Test
	void aByteOrderMarkIsAcceptedAndKeptByFormat(@TempDir Path dir) throws Exception {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		Path file = dir.resolve("notepad.ocstopo");
		Files.write(file, concat(bom, (SUBNET + "server fe1.contoso.com {\ninterface 10.0.1.10 on lan\n}\n").getBytes(StandardCharsets.UTF_8)));

		CliEndToEndTest.Run validate = run(dir, "validate", ".");
		assertEquals(0, validate.exitCode(), validate.toString());

		CliEndToEndTest.Run format = run(dir, "format", ".");
		assertEquals(0, format.exitCode(), format.toString());
		byte[] formatted = Files.readAllBytes(file);
		assertArrayEquals(bom, java.util.Arrays.copyOf(formatted, 3), "the byte order mark is kept");
		assertTrue(new String(formatted, StandardCharsets.UTF_8).contains("\n    interface 10.0.1.10 on lan\n"), "and the file is formatted");
	}

	@Test
	void aFileThatIsNotUtf8IsOneFindingWithItsLineAndFormatLeavesItAlone(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("cp1252.ocstopo");
		// "// café" in Windows-1252: é is the single byte 0xE9.
		byte[] bytes = concat("// caf".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0xE9 },
				("\n" + "subnet lan 10.0.1.0/33\n").getBytes(StandardCharsets.US_ASCII));
		Files.write(file, bytes);

		CliEndToEndTest.Run validate = run(dir, "validate", ".");
		assertEquals(1, validate.exitCode(), validate.toString());
		assertTrue(validate.stdout().contains("cp1252.ocstopo:1:7: error syntax-error This file is not UTF-8 text: the byte 0xE9"
				+ " at line 1, column 7"), validate.stdout());
		assertEquals(1, validate.stdout().lines().filter(l -> l.contains("syntax-error")).count(), validate.stdout());
		assertTrue(validate.stdout().contains("prefix-out-of-range"), "the rest is still checked: " + validate.stdout());

		CliEndToEndTest.Run format = run(dir, "format", ".");
		assertEquals(1, format.exitCode(), format.toString());
		assertTrue(format.stderr().contains("cp1252.ocstopo: not formatted: it is not UTF-8 text"), format.stderr());
		assertArrayEquals(bytes, Files.readAllBytes(file), "the file is untouched");
	}

	@Test
	void crlfFilesKeepCrlfThroughFormatAndFixes(@TempDir Path dir) throws Exception {
		Path format = Files.createDirectories(dir.resolve("format"));
		Files.writeString(format.resolve("windows.ocstopo"), (SUBNET + "server fe1.contoso.com {\ninterface 10.0.1.10 on lan\n}\n")
				.replace("\n", "\r\n"));
		CliEndToEndTest.Run formatted = run(dir, "format", "format");
		assertEquals(0, formatted.exitCode(), formatted.toString());
		String text = Files.readString(format.resolve("windows.ocstopo"));
		assertTrue(text.contains("\r\n    interface 10.0.1.10 on lan\r\n"), text);
		assertFalse(text.replace("\r\n", "").contains("\n"), "no bare LF: " + text);

		// The broken Response Group example, in CRLF: its safe fixes insert lines.
		Path fix = Files.createDirectories(dir.resolve("fix"));
		try (Stream<Path> files = Files.list(TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".ocstopo")).toList()) {
				Files.writeString(fix.resolve(file.getFileName()), Files.readString(file).replace("\n", "\r\n"));
			}
		}
		String before = allText(fix);
		CliEndToEndTest.Run fixed = run(dir, "validate", "--fix", "fix");
		String after = allText(fix);
		assertFalse(before.equals(after), "a fix was applied: " + fixed);
		assertFalse(after.replace("\r\n", "").contains("\n"), "no bare LF after the fixes: " + after);
	}

	@Test
	void namedPipesAreNeverWaitedOn(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("site.ocstopo"), SUBNET + "subnet bad 10.0.2.0/33\n");
		Path pipe = dir.resolve("pipe.ocstopo");
		assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor(), "mkfifo");

		CliEndToEndTest.Run folder = run(dir, "validate", ".");
		assertEquals(1, folder.exitCode(), "the other file is checked: " + folder);
		assertTrue(folder.stderr().contains("pipe.ocstopo: not a regular file (a named pipe, socket or device), passed over"),
				folder.stderr());
		assertTrue(folder.stdout().contains("prefix-out-of-range"), folder.stdout());

		CliEndToEndTest.Run named = run(dir, "validate", "pipe.ocstopo");
		assertEquals(2, named.exitCode(), named.toString());
		assertTrue(named.stderr().contains("ocstopo: pipe.ocstopo: not a regular file"), named.stderr());

		CliEndToEndTest.Run format = run(dir, "format", "pipe.ocstopo");
		assertEquals(2, format.exitCode(), format.toString());
		CliEndToEndTest.Run sibling = run(dir, "validate", "site.ocstopo");
		assertEquals(1, sibling.exitCode(), "a pipe beside a named file is passed over: " + sibling);
	}

	@Test
	void aBrokenLinkIsSaidAsSuchAndFailsTheRunAfterTheOthersAreChecked(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("site.ocstopo"), SUBNET + "subnet bad 10.0.2.0/33\n");
		Files.createSymbolicLink(dir.resolve("gone.ocstopo"), dir.resolve("deleted.ocstopo"));

		CliEndToEndTest.Run run = run(dir, "validate", ".");
		assertEquals(2, run.exitCode(), "a file that cannot be read cannot pass: " + run);
		assertTrue(run.stderr().contains("gone.ocstopo: a symbolic link to " + dir.resolve("deleted.ocstopo") + ", which does not exist"),
				run.stderr());
		assertTrue(run.stdout().contains("prefix-out-of-range"), "the other file is checked: " + run.stdout());
	}

	@Test
	void permissionDeniedIsSaidAsSuch(@TempDir Path dir) throws Exception {
		Path folder = Files.createDirectories(dir.resolve("topology"));
		Path secret = folder.resolve("secret.ocstopo");
		Files.writeString(secret, SUBNET);
		Files.writeString(folder.resolve("open.ocstopo"), "subnet bad 10.0.2.0/33\n");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(folder.resolve("open.ocstopo"), PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));

		CliEndToEndTest.Run named = run(dir, true, "validate", "topology/secret.ocstopo");
		assertEquals(2, named.exitCode(), named.toString());
		assertTrue(named.stderr().contains("topology/secret.ocstopo: permission denied"), named.stderr());

		CliEndToEndTest.Run walked = run(dir, true, "validate", "topology");
		assertEquals(2, walked.exitCode(), walked.toString());
		assertTrue(walked.stderr().contains("secret.ocstopo: permission denied"), walked.stderr());
		assertTrue(walked.stdout().contains("prefix-out-of-range"), "the readable file is checked: " + walked.stdout());

		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
		CliEndToEndTest.Run locked = run(dir, true, "validate", "topology/open.ocstopo");
		assertEquals(2, locked.exitCode(), locked.toString());
		assertTrue(locked.stderr().contains("topology/open.ocstopo: permission denied"), locked.stderr());
		assertFalse(locked.stderr().contains("no such file"), locked.stderr());
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void anEmptyFileIsValidAndFormatsToItself(@TempDir Path dir) throws Exception {
		Path empty = dir.resolve("empty.ocstopo");
		Files.writeString(empty, "");
		Path comments = dir.resolve("comments.ocstopo");
		Files.writeString(comments, "// nothing yet\n");

		CliEndToEndTest.Run validate = run(dir, "validate", ".");
		assertEquals(0, validate.exitCode(), validate.toString());
		CliEndToEndTest.Run format = run(dir, "format", ".");
		assertEquals(0, format.exitCode(), format.toString());
		assertEquals("", format.stderr());
		assertEquals("", Files.readString(empty));
		assertEquals("// nothing yet\n", Files.readString(comments));
	}

	/** 1 MB of random bytes: a bounded report (the first 100 syntax errors and a count), nothing unprintable. */
	@Test
	void randomBytesGiveABoundedReadableReport(@TempDir Path dir) throws Exception {
		byte[] noise = new byte[1 << 20];
		new Random(11).nextBytes(noise);
		Files.write(dir.resolve("noise.ocstopo"), noise);

		CliEndToEndTest.Run run = run(dir, "validate", ".");
		assertEquals(1, run.exitCode(), run.stderr());
		List<String> lines = run.stdout().lines().toList();
		assertTrue(lines.size() <= 102, lines.size() + " lines");
		assertTrue(lines.stream().anyMatch(l -> l.contains("This file is not UTF-8 text")), run.stdout());
		assertTrue(lines.get(lines.size() - 1).contains("more syntax errors from here on are not listed"), lines.get(lines.size() - 1));
		assertTrue(run.stdout().codePoints().noneMatch(c -> c != '\n' && (Character.isISOControl(c) || c == 0xFFFD)),
				"no raw control characters or unknown bytes echoed");
		assertTrue(run.stdout().length() < 64 * 1024, run.stdout().length() + " characters");
	}

	private static String allText(Path folder) throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.sorted().toList()) {
				text.append(Files.readString(file));
			}
		}
		return text.toString();
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}
}
