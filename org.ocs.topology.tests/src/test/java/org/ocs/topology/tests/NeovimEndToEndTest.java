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
 * A real editor nobody here wrote: Debian's Neovim, headless, with the set-up of docs/editors/neovim.md
 * as its init.lua, read from the page itself, and the built language server jar installed by the
 * page's own commands. drive.lua opens two files of one topology folder and uses the documented
 * keys; this test checks that one client serves both, each finding comes once, and the files on
 * disk after the quick fix, a rename across the files and format document. On a machine without
 * Neovim the test is skipped, except in CI (CI=true), whose .ci/run installs it.
 */
class NeovimEndToEndTest {

	private static final Path PAGE = TopologyTestSupport.repositoryRoot().resolve("docs/editors/neovim.md");

	@Test
	void theDocumentedSetUpServesAFolderWithOneClientAndItsKeysFixRenameAndFormat(@TempDir Path temp) throws Exception {
		EditorSession.requireEditor("nvim", "neovim");
		Path home = temp.resolve("home");
		Path initLua = home.resolve(".config/nvim/init.lua");
		Files.createDirectories(initLua.getParent());
		Files.writeString(initLua, EditorSession.block(PAGE, "lua", "-- ocstopo: topology files and their language server, with Neovim's built-in client (0.7+)."));
		EditorSession.runShellBlock(PAGE, home);
		Path folder = EditorSession.copyBrokenExample(temp.resolve("broken"));
		Map<String, String> original = EditorSession.texts(folder);
		Path drive = temp.resolve("drive.lua");
		Files.write(drive, NeovimEndToEndTest.class.getResourceAsStream("/neovim/drive.lua").readAllBytes());
		Path report = temp.resolve("report.json");

		ProcessBuilder nvim = EditorSession.editor(home, folder, "nvim", "--headless", "-i", "NONE", "-c", "luafile " + drive);
		nvim.environment().put("OCSTOPO_WORKSPACE", folder.toString());
		nvim.environment().put("OCSTOPO_REPORT", report.toString());
		EditorSession.Run run = EditorSession.run(nvim, temp.resolve("nvim.log"), 300);
		System.out.printf("NeovimEndToEndTest: the Neovim session took %.1f s%n", run.seconds());
		Path lspLog = home.resolve(".cache/nvim/lsp.log");
		String editorMessages = "Neovim's output:\n" + run.output() + "\nreport: "
				+ (Files.exists(report) ? Files.readString(report) : "(none)") + "\nlsp.log:\n"
				+ (Files.exists(lspLog) ? Files.readString(lspLog) : "(none)");
		// What the editor saw first (so a doubled client fails as such), then whether it got to its end.
		JsonObject result = Files.exists(report) ? JsonParser.parseString(Files.readString(report)).getAsJsonObject() : new JsonObject();
		List<Map<String, Object>> clients = new Gson().fromJson(result.get("clients"),
				new TypeToken<List<Map<String, Object>>>() {
				}.getType());
		List<Map<String, Object>> clientsAtEnd = new Gson().fromJson(result.get("clients_at_end"),
				new TypeToken<List<Map<String, Object>>>() {
				}.getType());
		Map<String, List<String>> findings = new Gson().fromJson(result.get("findings"),
				new TypeToken<Map<String, List<String>>>() {
				}.getType());
		assertAll(
				() -> assertEquals(List.of(Map.of("name", "ocstopo", "root_dir", folder.toString(),
						"buffers", List.of("topology.ocstopo", "hq.ocstopo"))), clients,
						"one client for the folder, attached to both buffers"),
				() -> assertEquals(EditorSession.expectedFindings(), findings, "each finding once, as expected-findings.txt lists"),
				() -> assertEquals(0, run.exitCode(), editorMessages),
				() -> assertEquals(List.of(Map.of("name", "ocstopo", "root_dir", folder.toString(),
						"buffers", List.of("topology.ocstopo", "hq.ocstopo", "pool.ocstopo"))), clientsAtEnd,
						"still one client at the end, also attached to pool.ocstopo that the rename opened"));

		EditorSession.Run formatCheck = EditorSession.formatCheck(folder);
		Map<String, String> written = EditorSession.texts(folder);
		assertAll(
				() -> assertTrue(EditorSession.topologyWithDnsFix(original.get("topology.ocstopo")).contains(written.get("topology.ocstopo")),
						"topology.ocstopo on disk: one A record fixed, nothing else changed:\n" + written.get("topology.ocstopo")),
				() -> assertEquals(EditorSession.renamed(original.get("pool.ocstopo")), written.get("pool.ocstopo"),
						"pool.ocstopo on disk: its back end renamed"),
				() -> assertEquals(EditorSession.renamed(original.get("hq.ocstopo")), written.get("hq.ocstopo"),
						"hq.ocstopo on disk: renamed, and formatted back to the canonical layout (four spaces) despite Neovim's tabs"),
				() -> assertEquals(0, formatCheck.exitCode(), "ocstopo format --check on the written folder: " + formatCheck.output()));
	}
}
