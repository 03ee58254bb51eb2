package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.LanguageServerSession.apply;
import static org.ocs.topology.tests.LanguageServerSession.positionOf;
import static org.ocs.topology.tests.LanguageServerSession.withCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol details real LSP clients depend on, against the built language server jar over
 * stdio: the versions in workspace edits, formatting whatever the client's tab settings, symbol
 * kinds, server info, positions past the end of a line, unknown methods.
 */
class LanguageServerProtocolTest {

	private LanguageServerSession session;
	private LanguageServer server;
	/** The JSON messages both ways, as they travel. */
	private final java.io.StringWriter wire = new java.io.StringWriter();

	@TempDir
	Path workspace;

	@BeforeEach
	void start() throws Exception {
		session = LanguageServerSession.start(wire);
		server = session.server();
	}

	@AfterEach
	void stop() throws Exception {
		session.close();
	}

	private InitializeResult initialize(ClientCapabilities capabilities) throws Exception {
		return session.initialize(workspace, capabilities);
	}

	/** A client that takes versioned document changes in workspace edits, as VS Code, eglot and LSP4E do. */
	private static ClientCapabilities withDocumentChanges(boolean documentChanges) {
		ClientCapabilities capabilities = new ClientCapabilities();
		WorkspaceClientCapabilities workspaceCapabilities = new WorkspaceClientCapabilities();
		WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
		edits.setDocumentChanges(documentChanges);
		workspaceCapabilities.setWorkspaceEdit(edits);
		capabilities.setWorkspace(workspaceCapabilities);
		return capabilities;
	}

	private TextDocumentService documents() {
		return session.documents();
	}

	private String open(String name, String text, int version) throws IOException {
		Path file = Files.writeString(workspace.resolve(name), text);
		String uri = file.toUri().toString();
		documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", version, text)));
		return uri;
	}

	/** An incremental change, as editors send while typing: insert text at a position. */
	private void insert(String uri, int version, Position at, String text) {
		documents().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
				List.of(new TextDocumentContentChangeEvent(new Range(at, at), text))));
	}

	private void replaceAll(String uri, int version, String text) {
		documents().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
				List.of(new TextDocumentContentChangeEvent(text))));
	}

	private List<Diagnostic> diagnosticsOf(String uri, Predicate<List<Diagnostic>> wanted) throws InterruptedException {
		return session.diagnosticsOf(uri, wanted);
	}

	private List<CodeAction> codeActions(String uri, Diagnostic diagnostic) throws Exception {
		return documents().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), diagnostic.getRange(),
				new CodeActionContext(List.of(diagnostic)))).get(60, TimeUnit.SECONDS)
				.stream().filter(Either::isRight).map(Either::getRight).toList();
	}

	private static CodeAction titled(List<CodeAction> actions, String prefix) {
		return actions.stream().filter(a -> a.getTitle().startsWith(prefix)).findFirst()
				.orElseThrow(() -> new AssertionError("no '" + prefix + "' among " + actions.stream().map(CodeAction::getTitle).toList()));
	}

	/** The edits of a versioned workspace edit, by file, each with the version it was made for. */
	private static Map<String, TextDocumentEdit> documentChangesOf(WorkspaceEdit edit) {
		assertNotNull(edit.getDocumentChanges(), "documentChanges for a client that supports them: " + edit);
		assertTrue(edit.getChanges() == null || edit.getChanges().isEmpty(), "not both documentChanges and changes: " + edit);
		Map<String, TextDocumentEdit> byUri = new LinkedHashMap<>();
		for (Either<TextDocumentEdit, ?> change : edit.getDocumentChanges()) {
			assertTrue(change.isLeft(), "a text edit, not a file operation: " + change);
			TextDocumentEdit previous = byUri.put(change.getLeft().getTextDocument().getUri(), change.getLeft());
			assertNull(previous, "one entry per file: " + edit);
		}
		return byUri;
	}

	private static List<TextEdit> editsOf(TextDocumentEdit edit) {
		return edit.getEdits().stream().map(e -> e.isLeft() ? e.getLeft() : null).toList();
	}

	// ------------------------------------------------------------ 1. versions in workspace edits

	private static final String SERVERS = "site Redmond {\n    subnet lan 192.0.2.0/24\n    server fe1.contoso.com {\n"
			+ "        interface 192.0.2.11 on lan\n        default gateway 192.0.2.1\n    }\n    server fe2.contoso.com {\n"
			+ "        interface 192.0.2.12 on lan\n        default gateway 192.0.2.1\n    }\n}\n";
	private static final String POOL = "enterprise pool pool1.contoso.com {\n    front ends fe1.contoso.com, fe2.contoso.com\n}\n";
	private static final String DIRECTOR = "director pool dir.contoso.com {\n    servers fe1.contoso.com\n}\n";

	@Test
	void renameCarriesTheVersionTheClientSentForEachOpenFileAndNoneForClosedOnes() throws Exception {
		// Closed, on disk only: the client has no version for it.
		String directorUri = Files.writeString(workspace.resolve("c.ocstopo"), DIRECTOR).toUri().toString();
		initialize(withDocumentChanges(true));
		String servers = SERVERS;
		String pool = POOL;
		String serversUri = open("a.ocstopo", servers, 1);
		String poolUri = open("b.ocstopo", pool, 3);
		// Versions jump, as eglot's do (one per buffer modification, several changes per message).
		int[] versions = { 2, 5, 9 };
		for (int version : versions) {
			String comment = "// edit " + version + "\n";
			insert(serversUri, version, new Position(0, 0), comment);
			servers = comment + servers;
		}
		String line = "// the pool\n";
		insert(poolUri, 7, new Position(0, 0), line);
		pool = line + pool;
		diagnosticsOf(serversUri, d -> true);

		WorkspaceEdit edit = documents().rename(new RenameParams(new TextDocumentIdentifier(serversUri),
				positionOf(servers, "fe1.contoso.com {"), "fe9.contoso.com")).get(60, TimeUnit.SECONDS);
		Map<String, TextDocumentEdit> byUri = documentChangesOf(edit);
		assertEquals(Map.of(serversUri, 9, poolUri, 7), versionsOfOpen(byUri, directorUri),
				"the client's latest version of each open file");
		assertTrue(byUri.containsKey(directorUri), "the closed file's reference is renamed too: " + edit);
		assertNull(byUri.get(directorUri).getTextDocument().getVersion(), "no version for a file that is not open");
		// VS Code's client takes a TextDocumentEdit only with a version that is a number or null, not absent.
		assertTrue(sentWithNullVersion(directorUri), "the closed file's version is sent as null: " + wire);

		assertEquals(servers.replace("fe1.contoso.com", "fe9.contoso.com"), apply(servers, editsOf(byUri.get(serversUri))));
		assertEquals(pool.replace("fe1.contoso.com", "fe9.contoso.com"), apply(pool, editsOf(byUri.get(poolUri))));
		assertEquals(DIRECTOR.replace("fe1.contoso.com", "fe9.contoso.com"), apply(DIRECTOR, editsOf(byUri.get(directorUri))));
	}

	/** Whether some identifier of the file went over the wire with {@code "version": null}. */
	private boolean sentWithNullVersion(String uri) {
		String trace = wire.toString();
		for (int at = trace.indexOf('"' + uri + '"'); at >= 0; at = trace.indexOf('"' + uri + '"', at + 1)) {
			String identifier = trace.substring(trace.lastIndexOf('{', at), trace.indexOf('}', at));
			if (identifier.contains("\"version\": null")) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, Integer> versionsOfOpen(Map<String, TextDocumentEdit> byUri, String closedUri) {
		Map<String, Integer> versions = new HashMap<>();
		byUri.forEach((uri, edit) -> {
			if (!uri.equals(closedUri)) {
				versions.put(uri, edit.getTextDocument().getVersion());
			}
		});
		return versions;
	}

	@Test
	void renameForAClientWithoutDocumentChangesGivesPlainChanges() throws Exception {
		initialize(withDocumentChanges(false));
		String serversUri = open("a.ocstopo", SERVERS, 4);
		String poolUri = open("b.ocstopo", POOL, 1);
		diagnosticsOf(serversUri, d -> true);
		WorkspaceEdit edit = documents().rename(new RenameParams(new TextDocumentIdentifier(serversUri),
				positionOf(SERVERS, "fe1.contoso.com {"), "fe9.contoso.com")).get(60, TimeUnit.SECONDS);
		assertNull(edit.getDocumentChanges(), edit.toString());
		assertNotNull(edit.getChanges(), edit.toString());
		assertEquals(SERVERS.replace("fe1.contoso.com", "fe9.contoso.com"), apply(SERVERS, edit.getChanges().get(serversUri)));
		assertEquals(POOL.replace("fe1.contoso.com", "fe9.contoso.com"), apply(POOL, edit.getChanges().get(poolUri)));
	}

	@Test
	void quickFixesCarryTheClientsVersionsToo() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		initialize(withDocumentChanges(true));
		String site = Files.readString(broken.resolve("hq.ocstopo"));
		String dns = Files.readString(broken.resolve("topology.ocstopo"));
		String siteUri = open("hq.ocstopo", site, 1);
		String dnsUri = open("topology.ocstopo", dns, 1);
		String line = "// the balancer's site\n";
		insert(siteUri, 6, new Position(0, 0), line);
		site = line + site;
		replaceAll(dnsUri, 4, dns);
		List<Diagnostic> diagnostics = diagnosticsOf(dnsUri, d -> withCode(d, "pool-traffic-hairpin").size() == 2);
		List<CodeAction> actions = codeActions(dnsUri, withCode(diagnostics, "pool-traffic-hairpin").get(0));

		// The hosts entry goes into the other (open) file of the folder.
		Map<String, TextDocumentEdit> hosts = documentChangesOf(titled(actions, "Add a hosts entry").getEdit());
		assertEquals(List.of(siteUri), List.copyOf(hosts.keySet()));
		assertEquals(6, hosts.get(siteUri).getTextDocument().getVersion());
		String fixed = apply(site, editsOf(hosts.get(siteUri)));
		assertTrue(fixed.contains("        hosts fe2.contoso.com -> 192.0.2.12\n"), fixed);

		Map<String, TextDocumentEdit> record = documentChangesOf(titled(actions, "Point the A record").getEdit());
		assertEquals(4, record.get(dnsUri).getTextDocument().getVersion());
		String pointed = apply(dns, editsOf(record.get(dnsUri)));
		assertTrue(pointed.contains("A fe1.contoso.com -> 192.0.2.11") || pointed.contains("A fe2.contoso.com -> 192.0.2.12"), pointed);
	}

	@Test
	void quickFixesOnAClosedFileCarryNoVersion() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		String site = Files.readString(broken.resolve("hq.ocstopo"));
		String siteUri = Files.writeString(workspace.resolve("hq.ocstopo"), site).toUri().toString();
		initialize(withDocumentChanges(true));
		String dnsUri = open("topology.ocstopo", Files.readString(broken.resolve("topology.ocstopo")), 2);
		List<Diagnostic> diagnostics = diagnosticsOf(dnsUri, d -> withCode(d, "pool-traffic-hairpin").size() == 2);
		List<CodeAction> actions = codeActions(dnsUri, withCode(diagnostics, "pool-traffic-hairpin").get(0));
		Map<String, TextDocumentEdit> hosts = documentChangesOf(titled(actions, "Add a hosts entry").getEdit());
		assertNull(hosts.get(siteUri).getTextDocument().getVersion(), "hq.ocstopo is not open");
		assertTrue(apply(site, editsOf(hosts.get(siteUri))).contains("        hosts fe2.contoso.com -> 192.0.2.12\n"));
		assertFalse(session.stderr().contains("Exception"), session.stderr());
	}

	// ------------------------------------------------------------ 2. formatting whatever the client's settings

	private static final String MESSY = "site  Redmond{subnet lan 192.0.2.0/24\n\tserver fe1.contoso.com {\n interface 192.0.2.11 on lan\n"
			+ "\t\t\tdefault gateway 192.0.2.1}\n  load balancer lb1 {\n virtual server vs1 192.0.2.50 {\n ports tcp 443\n}\n}\n}\n";

	/** What {@code ocstopo format} makes of a file: the canonical layout. */
	private Path cliFormatted(String name, String text) throws Exception {
		Path folder = Files.createDirectories(workspace.resolve("cli-" + name));
		Path file = Files.writeString(folder.resolve(name), text);
		assertEquals(0, cli("format", file.toString()), "ocstopo format " + name);
		return file;
	}

	private static int cli(String... args) throws Exception {
		Path jar = Path.of(System.getProperty("ocstopo.cli.jar",
				TopologyTestSupport.repositoryRoot().resolve("org.ocs.topology.cli/target/ocstopo.jar").toString()));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString()));
		command.addAll(List.of(args));
		Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(cli.getInputStream().readAllBytes());
		assertTrue(cli.waitFor(120, TimeUnit.SECONDS), output);
		return cli.exitValue();
	}

	private List<? extends TextEdit> format(String uri, int tabSize, boolean insertSpaces) throws Exception {
		return documents().formatting(new org.eclipse.lsp4j.DocumentFormattingParams(new TextDocumentIdentifier(uri),
				new org.eclipse.lsp4j.FormattingOptions(tabSize, insertSpaces))).get(60, TimeUnit.SECONDS);
	}

	private List<? extends TextEdit> formatRange(String uri, Range range, int tabSize, boolean insertSpaces) throws Exception {
		return documents().rangeFormatting(new org.eclipse.lsp4j.DocumentRangeFormattingParams(new TextDocumentIdentifier(uri),
				new org.eclipse.lsp4j.FormattingOptions(tabSize, insertSpaces), range)).get(60, TimeUnit.SECONDS);
	}

	private static Range wholeOf(String text) {
		Document document = new Document(1, text);
		return new Range(new Position(0, 0), document.getPosition(text.length()));
	}

	@Test
	void formattingGivesTheCanonicalLayoutWhateverTheClientsTabSettings() throws Exception {
		String canonical = Files.readString(cliFormatted("messy.ocstopo", MESSY));
		assertTrue(canonical.contains("\n    server fe1.contoso.com {\n        interface 192.0.2.11 on lan\n"), canonical);
		initialize(new ClientCapabilities());
		String uri = open("messy.ocstopo", MESSY, 1);
		diagnosticsOf(uri, d -> true);
		// Neovim and Emacs send their defaults: tabs, 8 wide; others 2 or 4 spaces.
		int[][] settings = { { 8, 0 }, { 2, 1 }, { 4, 1 }, { 4, 0 }, { 3, 1 } };
		for (int[] setting : settings) {
			boolean spaces = setting[1] == 1;
			assertEquals(canonical, apply(MESSY, format(uri, setting[0], spaces)),
					"format with tabSize " + setting[0] + ", insertSpaces " + spaces);
			assertEquals(canonical, apply(MESSY, formatRange(uri, wholeOf(MESSY), setting[0], spaces)),
					"range format of the whole file with tabSize " + setting[0] + ", insertSpaces " + spaces);
		}
		// A range of a few lines: those lines in the canonical layout, the rest untouched.
		String partly = apply(MESSY, formatRange(uri, new Range(new Position(2, 0), new Position(3, 30)), 8, false));
		assertTrue(partly.startsWith("site  Redmond{subnet lan 192.0.2.0/24\n\tserver fe1.contoso.com {\n"), "before the range: " + partly);
		assertTrue(partly.contains("\n        default gateway 192.0.2.1\n"), "in the range: " + partly);
	}

	@Test
	void aFileWithSyntaxErrorsIsNotFormatted() throws Exception {
		String broken = "site Redmond {\n        subnet lan 192.0.2.0/24\n  server fe1.contoso.com {\n            interface on on\n"
				+ "    }\n   server fe2.contoso.com {\n";
		initialize(new ClientCapabilities());
		String uri = open("broken.ocstopo", broken, 1);
		assertFalse(withCode(diagnosticsOf(uri, d -> !d.isEmpty()), "syntax-error").isEmpty(), "a syntax error");
		assertEquals(List.of(), format(uri, 8, false), "no edits for a file with syntax errors");
		assertEquals(List.of(), format(uri, 4, true), "no edits for a file with syntax errors");
		assertEquals(List.of(), formatRange(uri, wholeOf(broken), 4, true), "no range edits either");
		assertFalse(session.stderr().contains("Exception"), session.stderr());
	}

	@Test
	void quickFixInsertionsAreInTheCanonicalLayoutAfterTabFormatting() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		initialize(new ClientCapabilities());
		String site = Files.readString(broken.resolve("hq.ocstopo"));
		String siteUri = open("hq.ocstopo", site, 1);
		String dnsUri = open("topology.ocstopo", Files.readString(broken.resolve("topology.ocstopo")), 1);
		List<Diagnostic> diagnostics = diagnosticsOf(dnsUri, d -> withCode(d, "pool-traffic-hairpin").size() == 2);
		// The client formats with tabs first (and drops the answer): nothing of that may stay behind.
		format(siteUri, 8, false);
		format(dnsUri, 8, false);
		CodeAction hosts = titled(codeActions(dnsUri, withCode(diagnostics, "pool-traffic-hairpin").get(0)), "Add a hosts entry");
		String fixed = apply(site, hosts.getEdit().getChanges().get(siteUri));
		assertTrue(fixed.contains("hosts fe2.contoso.com -> 192.0.2.12"), fixed);
		replaceAll(siteUri, 2, fixed);
		assertEquals(List.of(), format(siteUri, 8, false), "the fixed file is already in the canonical layout:\n" + fixed);
		Path written = Files.writeString(Files.createDirectories(workspace.resolve("check")).resolve("hq.ocstopo"), fixed);
		assertEquals(0, cli("format", "--check", written.toString()), "ocstopo format --check passes:\n" + fixed);
	}

	@Test
	void anInsertedRegistrarSettingIsInTheCanonicalLayout() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/groupchat-mpop/broken");
		String topology = Files.readString(broken.resolve("topology.ocstopo")).replace("product ocs2007r2", "product lync2010");
		Files.writeString(workspace.resolve("redmond.ocstopo"), Files.readString(broken.resolve("redmond.ocstopo")));
		initialize(new ClientCapabilities());
		String uri = open("topology.ocstopo", topology, 1);
		List<Diagnostic> diagnostics = diagnosticsOf(uri, d -> !withCode(d, "lookup-over-mpop").isEmpty());
		format(uri, 8, false);
		Diagnostic overMpop = withCode(diagnostics, "lookup-over-mpop").get(0);
		List<CodeAction> actions = codeActions(uri, overMpop);
		CodeAction poolSetting = titled(actions, "Add a registrar setting of");
		List<TextEdit> edits = poolSetting.getEdit().getChanges().get(uri);
		assertNotNull(edits, "the setting goes into the file of the finding: " + poolSetting.getEdit());
		String fixed = apply(topology, edits);
		assertTrue(fixed.contains("registrar pool ocsr2poolr2.fourthcoffee.com {\n    max endpoints per user"), fixed);
		replaceAll(uri, 2, fixed);
		assertEquals(List.of(), format(uri, 8, false), "the fixed file is already in the canonical layout:\n" + fixed);
		Path written = Files.writeString(Files.createDirectories(workspace.resolve("check")).resolve("topology.ocstopo"), fixed);
		assertEquals(0, cli("format", "--check", written.toString()), "ocstopo format --check passes:\n" + fixed);
	}

	// ------------------------------------------------------------ 3. symbol kinds and hierarchy

	private static final String OUTLINE = "topology Contoso {\n    product lync2010\n}\n\nregistrar global {\n"
			+ "    max endpoints per user 3\n}\n\nsite Redmond {\n    subnet lan 192.0.2.0/24\n    server fe1.contoso.com {\n"
			+ "        interface 192.0.2.11 on lan\n    }\n    enterprise pool pool1.contoso.com {\n        front ends fe1.contoso.com\n"
			+ "    }\n    load balancer lb1 {\n        self ip 192.0.2.2 on lan\n        virtual server vip1 192.0.2.50 {\n"
			+ "            ports tcp 443\n            members pool pool1.contoso.com\n        }\n"
			+ "        forwarding virtual server routed 0.0.0.0/0 {\n        }\n    }\n"
			+ "    registrar pool pool1.contoso.com {\n        max endpoints per user 4\n    }\n}\n\n"
			+ "director pool dir.contoso.com {\n    servers fe1.contoso.com\n}\n\n"
			+ "dns {\n    A fe1.contoso.com -> 192.0.2.11\n"
			+ "    SRV _sipinternaltls._tcp.contoso.com -> pool1.contoso.com port 5061\n}\n";

	/** Declaration, by its symbol's name, and the kind each must have (the mapping documented in the server). */
	private static final Map<String, org.eclipse.lsp4j.SymbolKind> KINDS = Map.ofEntries(
			Map.entry("Contoso", org.eclipse.lsp4j.SymbolKind.File),
			Map.entry("registrar global", org.eclipse.lsp4j.SymbolKind.Property),
			Map.entry("Redmond", org.eclipse.lsp4j.SymbolKind.Namespace),
			Map.entry("lan", org.eclipse.lsp4j.SymbolKind.Struct),
			Map.entry("fe1.contoso.com", org.eclipse.lsp4j.SymbolKind.Object),
			Map.entry("pool1.contoso.com", org.eclipse.lsp4j.SymbolKind.Module),
			Map.entry("dir.contoso.com", org.eclipse.lsp4j.SymbolKind.Module),
			Map.entry("lb1", org.eclipse.lsp4j.SymbolKind.Class),
			Map.entry("vip1", org.eclipse.lsp4j.SymbolKind.Interface),
			Map.entry("routed", org.eclipse.lsp4j.SymbolKind.Interface),
			Map.entry("registrar pool pool1.contoso.com", org.eclipse.lsp4j.SymbolKind.Property),
			Map.entry("dns", org.eclipse.lsp4j.SymbolKind.Package),
			Map.entry("A fe1.contoso.com", org.eclipse.lsp4j.SymbolKind.Constant),
			Map.entry("SRV _sipinternaltls._tcp.contoso.com", org.eclipse.lsp4j.SymbolKind.Constant));

	private static ClientCapabilities withHierarchicalSymbols(boolean hierarchical) {
		ClientCapabilities capabilities = new ClientCapabilities();
		org.eclipse.lsp4j.TextDocumentClientCapabilities text = new org.eclipse.lsp4j.TextDocumentClientCapabilities();
		org.eclipse.lsp4j.DocumentSymbolCapabilities symbols = new org.eclipse.lsp4j.DocumentSymbolCapabilities();
		symbols.setHierarchicalDocumentSymbolSupport(hierarchical);
		text.setDocumentSymbol(symbols);
		capabilities.setTextDocument(text);
		return capabilities;
	}

	private List<Either<org.eclipse.lsp4j.SymbolInformation, org.eclipse.lsp4j.DocumentSymbol>> symbols(String uri) throws Exception {
		return documents().documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(new TextDocumentIdentifier(uri)))
				.get(60, TimeUnit.SECONDS);
	}

	private static void collect(org.eclipse.lsp4j.DocumentSymbol symbol, String parent, Map<String, String> parents,
			Map<String, org.eclipse.lsp4j.SymbolKind> kinds) {
		kinds.put(symbol.getName(), symbol.getKind());
		parents.put(symbol.getName(), parent);
		if (symbol.getChildren() != null) {
			symbol.getChildren().forEach(child -> collect(child, symbol.getName(), parents, kinds));
		}
	}

	@Test
	void documentSymbolsAreATreeWithKindsThatFitTheDeclarations() throws Exception {
		initialize(withHierarchicalSymbols(true));
		String uri = open("outline.ocstopo", OUTLINE, 1);
		diagnosticsOf(uri, d -> true);
		Map<String, String> parents = new HashMap<>();
		Map<String, org.eclipse.lsp4j.SymbolKind> kinds = new HashMap<>();
		for (var symbol : symbols(uri)) {
			assertTrue(symbol.isRight(), "a DocumentSymbol for a client with hierarchical support: " + symbol);
			collect(symbol.getRight(), null, parents, kinds);
		}
		Map<String, org.eclipse.lsp4j.SymbolKind> named = new HashMap<>();
		KINDS.keySet().forEach(name -> named.put(name, kinds.entrySet().stream().filter(e -> e.getKey().startsWith(name))
				.map(Map.Entry::getValue).findFirst().orElse(null)));
		assertEquals(KINDS, named, "kinds of " + kinds);
		assertEquals("Redmond", parents.get("fe1.contoso.com"), "servers inside their site");
		assertEquals("Redmond", parents.get("lb1"));
		assertEquals("lb1", parents.get("vip1"), "virtual servers inside their balancer");
		assertEquals("lb1", parents.get("routed"));
		assertEquals(null, parents.get("Redmond"));
		String record = kinds.keySet().stream().filter(n -> n.startsWith("A fe1.contoso.com")).findFirst().orElseThrow();
		assertEquals("dns", parents.get(record), "records inside the DNS block");
	}

	@Test
	void flatSymbolsAndWorkspaceSymbolsHaveTheSameKinds() throws Exception {
		initialize(withHierarchicalSymbols(false));
		String uri = open("outline.ocstopo", OUTLINE, 1);
		diagnosticsOf(uri, d -> true);
		Map<String, org.eclipse.lsp4j.SymbolKind> kinds = new HashMap<>();
		for (var symbol : symbols(uri)) {
			assertTrue(symbol.isLeft(), "SymbolInformation for a client without hierarchical support: " + symbol);
			kinds.put(symbol.getLeft().getName(), symbol.getLeft().getKind());
		}
		assertEquals(org.eclipse.lsp4j.SymbolKind.Namespace, kinds.get("Redmond"), kinds.toString());
		assertEquals(org.eclipse.lsp4j.SymbolKind.Object, kinds.get("fe1.contoso.com"), kinds.toString());
		assertEquals(org.eclipse.lsp4j.SymbolKind.Interface, kinds.get("vip1"), kinds.toString());

		var found = server.getWorkspaceService().symbol(new org.eclipse.lsp4j.WorkspaceSymbolParams("")).get(60, TimeUnit.SECONDS);
		Map<String, org.eclipse.lsp4j.SymbolKind> workspaceKinds = new HashMap<>();
		if (found.isLeft()) {
			found.getLeft().forEach(symbol -> workspaceKinds.put(symbol.getName(), symbol.getKind()));
		} else {
			found.getRight().forEach(symbol -> workspaceKinds.put(symbol.getName(), symbol.getKind()));
		}
		for (String name : List.of("Contoso", "Redmond", "lan", "fe1.contoso.com", "pool1.contoso.com", "dir.contoso.com", "lb1",
				"vip1", "routed")) {
			assertEquals(KINDS.get(name), workspaceKinds.get(name), "workspace symbol " + name + " in " + workspaceKinds);
		}
	}

	// ------------------------------------------------------------ 4. server info

	@Test
	void initializeNamesTheServerAndItsVersion() throws Exception {
		InitializeResult result = initialize(new ClientCapabilities());
		assertNotNull(result.getServerInfo(), "serverInfo");
		assertEquals("ocstopo", result.getServerInfo().getName());
		String version = result.getServerInfo().getVersion();
		assertNotNull(version);
		// The jar's manifest carries the project version the build stamped on it.
		String expected;
		try (java.util.jar.JarFile jar = new java.util.jar.JarFile(LanguageServerSession.jar().toString())) {
			expected = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
		}
		assertNotNull(expected, "the shaded jar's manifest has an Implementation-Version");
		assertEquals(expected, version);
	}

	// ------------------------------------------------------------ 5. positions past the end, unknown methods

	/** Requests an editor sends at a position, each at once answered or failed. */
	private Map<String, CompletableFuture<?>> requestsAt(String uri, Position position) {
		TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
		Map<String, CompletableFuture<?>> requests = new LinkedHashMap<>();
		requests.put("hover", documents().hover(new org.eclipse.lsp4j.HoverParams(id, position)));
		requests.put("completion", documents().completion(new org.eclipse.lsp4j.CompletionParams(id, position)));
		requests.put("definition", documents().definition(new org.eclipse.lsp4j.DefinitionParams(id, position)));
		requests.put("references", documents().references(new org.eclipse.lsp4j.ReferenceParams(id, position,
				new org.eclipse.lsp4j.ReferenceContext(true))));
		requests.put("documentHighlight", documents().documentHighlight(new org.eclipse.lsp4j.DocumentHighlightParams(id, position)));
		requests.put("codeAction", documents().codeAction(new CodeActionParams(id, new Range(position, position),
				new CodeActionContext(List.of()))));
		requests.put("codeAction from the start", documents().codeAction(new CodeActionParams(id,
				new Range(new Position(0, 0), position), new CodeActionContext(List.of()))));
		requests.put("prepareRename", documents().prepareRename(new org.eclipse.lsp4j.PrepareRenameParams(id, position)));
		requests.put("rename", documents().rename(new RenameParams(id, position, "x")));
		requests.put("signatureHelp", documents().signatureHelp(new org.eclipse.lsp4j.SignatureHelpParams(id, position)));
		requests.put("rangeFormatting", documents().rangeFormatting(new org.eclipse.lsp4j.DocumentRangeFormattingParams(id,
				new org.eclipse.lsp4j.FormattingOptions(4, true), new Range(new Position(0, 0), position))));
		return requests;
	}

	@Test
	void positionsPastTheEndOfALineOrOfTheFileAreAnsweredWithoutATrace() throws Exception {
		initialize(withDocumentChanges(true));
		String uri = open("a.ocstopo", SERVERS, 1);
		open("b.ocstopo", POOL, 1);
		diagnosticsOf(uri, d -> true);
		int lastLine = (int) SERVERS.lines().count();
		Map<String, Position> positions = new LinkedHashMap<>();
		positions.put("past the end of a line", new Position(2, 500));
		positions.put("past the end of the server's name line", new Position(positionOf(SERVERS, "server fe1").getLine(), 80));
		positions.put("on the last (empty) line, past its end", new Position(lastLine, 7));
		positions.put("past the last line", new Position(lastLine + 40, 3));
		List<String> failures = new ArrayList<>();
		for (var where : positions.entrySet()) {
			for (var request : requestsAt(uri, where.getValue()).entrySet()) {
				try {
					request.getValue().get(60, TimeUnit.SECONDS);
				} catch (java.util.concurrent.ExecutionException e) {
					failures.add(request.getKey() + " " + where.getKey() + ": " + e.getCause());
				}
			}
		}
		// A change whose range lies past the end of the text is taken at the end, too.
		String line = "// a comment at the end\n";
		insert(uri, 2, new Position(lastLine + 5, 9), line);
		var hover = documents().hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(uri), positionOf(SERVERS, "fe1")))
				.get(60, TimeUnit.SECONDS);
		assertNotNull(hover, "the server still answers");
		WorkspaceEdit renamed = documents().rename(new RenameParams(new TextDocumentIdentifier(uri),
				positionOf(SERVERS, "fe2.contoso.com"), "fe7.contoso.com")).get(60, TimeUnit.SECONDS);
		String changed = apply(SERVERS + line, editsOf(documentChangesOf(renamed).get(uri)));
		assertEquals((SERVERS + line).replace("fe2.contoso.com", "fe7.contoso.com"), changed, "the change went to the end");

		assertEquals(List.of(), failures, "requests answered with an error");
		String errors = session.stderr();
		assertFalse(errors.contains("Exception"), errors);
		assertFalse(errors.contains("\tat org.") || errors.contains("\tat java."), errors);
		assertFalse(errors.contains("interface 192.0.2.11 on lan"), "no document text on stderr: " + errors);
		assertTrue(session.isAlive());
	}

	@Test
	void unknownMethodsAreMethodNotFound() throws Exception {
		initialize(new ClientCapabilities());
		String uri = open("a.ocstopo", SERVERS, 1);
		diagnosticsOf(uri, d -> true);
		org.eclipse.lsp4j.jsonrpc.Endpoint raw = (org.eclipse.lsp4j.jsonrpc.Endpoint) server;
		for (String method : List.of("ocstopo/doesNotExist", "textDocument/someUnknownThing")) {
			try {
				Object answer = raw.request(method, Map.of("textDocument", Map.of("uri", uri))).get(60, TimeUnit.SECONDS);
				throw new AssertionError(method + " answered " + answer);
			} catch (java.util.concurrent.ExecutionException e) {
				assertTrue(e.getCause() instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException, e.toString());
				org.eclipse.lsp4j.jsonrpc.messages.ResponseError error =
						((org.eclipse.lsp4j.jsonrpc.ResponseErrorException) e.getCause()).getResponseError();
				assertEquals(org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.MethodNotFound.getValue(), error.getCode(),
						method + ": " + error.getMessage());
			}
		}
		// An unknown notification is dropped without a word.
		raw.notify("ocstopo/someNotification", Map.of());
		raw.notify("$/someNotification", Map.of());
		assertNotNull(documents().hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(uri),
				positionOf(SERVERS, "fe1"))).get(60, TimeUnit.SECONDS));
		String errors = session.stderr();
		assertFalse(errors.contains("Exception") || errors.contains("\tat "), errors);
	}
}
