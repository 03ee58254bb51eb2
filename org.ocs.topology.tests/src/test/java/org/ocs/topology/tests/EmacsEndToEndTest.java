package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

/**
 * A real editor nobody here wrote: Debian's Emacs with eglot, in batch mode but starting the way it
 * does for a user (`--user ''`: packages activated, then ~/.emacs.d/init.el), whose init.el is the
 * block of docs/editors/emacs.md, read from the page itself, with the jar installed by the page's
 * own commands. drive.el opens the broken example and uses the documented keys; this test checks
 * one server for the folder, each finding once, and the files on disk after the quick fix, a
 * rename across files after several edits, and format document. On a machine without Emacs the
 * test is skipped, except in CI (CI=true), whose .ci/run installs it.
 */
class EmacsEndToEndTest {

	private static final Path PAGE = TopologyTestSupport.repositoryRoot().resolve("docs/editors/emacs.md");

	@Test
	void theDocumentedInitFileFlagsTheHairpinAndItsKeysFixRenameAndFormat(@TempDir Path temp) throws Exception {
		EditorSession.requireEditor("emacs", "emacs-nox elpa-eglot");
		Path home = temp.resolve("home");
		Path initEl = home.resolve(".emacs.d/init.el");
		Files.createDirectories(initEl.getParent());
		Files.writeString(initEl, EditorSession.block(PAGE, "elisp", ";;; ocstopo: topology files and their language server, with eglot."));
		EditorSession.runShellBlock(PAGE, home);
		Path folder = EditorSession.copyBrokenExample(temp.resolve("broken"));
		Map<String, String> original = EditorSession.texts(folder);
		Path drive = temp.resolve("drive.el");
		Files.write(drive, EmacsEndToEndTest.class.getResourceAsStream("/emacs/drive.el").readAllBytes());
		Path report = temp.resolve("report.json");

		ProcessBuilder emacs = EditorSession.editor(home, folder, "emacs", "--batch", "--user", "", "-l", drive.toString());
		emacs.environment().put("OCSTOPO_WORKSPACE", folder.toString());
		emacs.environment().put("OCSTOPO_REPORT", report.toString());
		EditorSession.Run run = EditorSession.run(emacs, temp.resolve("emacs.log"), 300);
		System.out.printf("EmacsEndToEndTest: the Emacs session took %.1f s%n", run.seconds());
		String editorMessages = "Emacs's output:\n" + run.output() + "\nreport: " + (Files.exists(report) ? Files.readString(report) : "(none)");
		// What the editor saw first (so a second server fails as such), then whether it got to its end.
		JsonObject result = Files.exists(report) ? JsonParser.parseString(Files.readString(report)).getAsJsonObject() : new JsonObject();
		List<Map<String, List<String>>> servers = new Gson().fromJson(result.get("servers"),
				new TypeToken<List<Map<String, List<String>>>>() {
				}.getType());
		List<Map<String, List<String>>> serversAtEnd = new Gson().fromJson(result.get("servers_at_end"),
				new TypeToken<List<Map<String, List<String>>>>() {
				}.getType());
		Map<String, List<String>> findings = new Gson().fromJson(result.get("findings"),
				new TypeToken<Map<String, List<String>>>() {
				}.getType());
		String jar = home.resolve(".local/share/ocstopo/ocstopo-language-server.jar").toString();
		assertAll(
				() -> assertEquals(List.of(List.of("hq.ocstopo", "topology.ocstopo")),
						servers == null ? null : servers.stream().map(s -> s.get("buffers").stream().sorted().toList()).toList(),
						"one server for the folder, managing both buffers: " + servers),
				() -> assertEquals(List.of(List.of("hq.ocstopo", "pool.ocstopo", "topology.ocstopo")),
						serversAtEnd == null ? null : serversAtEnd.stream().map(s -> s.get("buffers").stream().sorted().toList()).toList(),
						"still one server at the end, also managing pool.ocstopo that the rename opened: " + serversAtEnd),
				() -> assertTrue(servers != null && servers.stream().allMatch(s -> s.get("command").contains(jar)),
						"the documented jar runs: " + servers),
				() -> assertEquals(EditorSession.expectedFindings(), findings, "each finding once, as expected-findings.txt lists"),
				() -> assertEquals(0, run.exitCode(), editorMessages));

		EditorSession.Run formatCheck = EditorSession.formatCheck(folder);
		Map<String, String> written = EditorSession.texts(folder);
		assertAll(
				() -> assertTrue(EditorSession.topologyWithDnsFix(original.get("topology.ocstopo")).contains(written.get("topology.ocstopo")),
						"topology.ocstopo on disk: one A record fixed, nothing else changed:\n" + written.get("topology.ocstopo")),
				() -> assertEquals(EditorSession.renamed(original.get("pool.ocstopo")), written.get("pool.ocstopo"),
						"pool.ocstopo on disk: its back end renamed"),
				() -> assertEquals(EditorSession.renamed(original.get("hq.ocstopo")), written.get("hq.ocstopo"),
						"hq.ocstopo on disk: renamed, and formatted back to the canonical layout (four spaces) despite Emacs's tabs"),
				() -> assertEquals(0, formatCheck.exitCode(), "ocstopo format --check on the written folder: " + formatCheck.output()));
	}
}
