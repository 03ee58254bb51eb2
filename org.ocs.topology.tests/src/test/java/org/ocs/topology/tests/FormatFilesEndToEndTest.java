package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocstopo format} as a process writes files the way an editor's save does: permissions
 * kept, a symlink's target written (the link stays a link), a read-only file refused, and no
 * temporary file left beside them.
 */
class FormatFilesEndToEndTest {

	/** Valid but not in the canonical layout (indentation and spacing). */
	private static final String UNFORMATTED = """
			site Redmond {
			subnet servers   192.0.2.0/24 // the LAN
			      server fe1.contoso.com { interface 192.0.2.10 on servers
			default gateway 192.0.2.1 }
			}
			""";

	@BeforeAll
	static void findJar() {
		CliEndToEndTest.findJar();
	}

	@Test
	void keepsPermissionsAndSymlinksAndRefusesReadOnlyFiles(@TempDir Path dir) throws Exception {
		Path topology = Files.createDirectories(dir.resolve("topology"));
		Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
		Path shared = topology.resolve("shared.ocstopo");
		Path readOnly = topology.resolve("frozen.ocstopo");
		Path target = elsewhere.resolve("linked-target.ocstopo");
		Path link = topology.resolve("linked.ocstopo");
		Files.writeString(shared, UNFORMATTED);
		Files.writeString(readOnly, UNFORMATTED.replace("Redmond", "Dublin").replace("fe1", "fe2").replace("192.0.2", "198.51.100"));
		Files.writeString(target, UNFORMATTED.replace("Redmond", "Paris").replace("fe1", "fe3").replace("192.0.2", "203.0.113"));
		Files.createSymbolicLink(link, target);
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
		byte[] frozenBefore = Files.readAllBytes(readOnly);

		CliEndToEndTest.Run run = CliEndToEndTest.run(dir, "format", "topology");

		assertEquals(2, run.exitCode(), "a read-only file makes the run fail: " + run);
		assertTrue(run.stderr().contains("topology/frozen.ocstopo: read-only, not changed"), run.stderr());
		assertTrue(run.stdout().contains("formatted topology/shared.ocstopo"), run.stdout());
		assertTrue(run.stdout().contains("formatted topology/linked.ocstopo"), run.stdout());
		assertNotEquals(UNFORMATTED, Files.readString(shared));
		assertTrue(Files.readString(shared).contains("// the LAN"), "the comment is kept");
		assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
		assertTrue(Files.isSymbolicLink(link), "the link is still a link");
		assertEquals(target, Files.readSymbolicLink(link));
		assertTrue(Files.readString(target).contains("server fe3.contoso.com {\n"), Files.readString(target));
		assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
		assertEquals(new String(frozenBefore), Files.readString(readOnly), "read-only file untouched");
		for (Path folder : List.of(topology, elsewhere)) {
			try (var files = Files.list(folder)) {
				assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file in " + folder);
			}
		}

		CliEndToEndTest.Run again = CliEndToEndTest.run(dir, "format", "--check", "topology/shared.ocstopo", "topology/linked.ocstopo");
		assertEquals(0, again.exitCode(), "formatted once is formatted: " + again);
	}
}
