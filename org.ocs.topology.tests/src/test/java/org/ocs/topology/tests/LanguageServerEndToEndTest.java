package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ocs.topology.tests.LanguageServerSession.apply;
import static org.ocs.topology.tests.LanguageServerSession.positionOf;
import static org.ocs.topology.tests.LanguageServerSession.withCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built language server jar, started as a process and spoken to over stdio by an LSP4J
 * client: open the field report's broken topology, get its diagnostics, apply the offered quick
 * fixes, get clean diagnostics.
 */
class LanguageServerEndToEndTest {

	private LanguageServerSession session;
	private LanguageServer server;

	@TempDir
	Path workspace;

	@BeforeEach
	void start() throws Exception {
		session = LanguageServerSession.start();
		server = session.server();
	}

	@AfterEach
	void stop() throws Exception {
		session.close();
	}

	private void initialize() throws Exception {
		session.initialize(workspace, new ClientCapabilities());
	}

	/** Waits for the next diagnostics of a file that satisfy a condition. */
	private List<Diagnostic> diagnosticsOf(String uri, Predicate<List<Diagnostic>> wanted) throws InterruptedException {
		return session.diagnosticsOf(uri, wanted);
	}

	@Test
	void brokenTopologyGetsDiagnosticsAndQuickFixesThatCleanIt() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Path topology = Files.writeString(workspace.resolve("topology.ocstopo"), Files.readString(broken.resolve("topology.ocstopo")));
		Files.writeString(workspace.resolve("hq.ocstopo"), Files.readString(broken.resolve("hq.ocstopo")));
		initialize();
		String uri = topology.toUri().toString();
		String text = Files.readString(topology);
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, text)));

		List<Diagnostic> diagnostics = diagnosticsOf(uri, d -> withCode(d, "pool-traffic-hairpin").size() == 2);
		Diagnostic hairpin = withCode(diagnostics, "pool-traffic-hairpin").get(0);
		assertNotNull(hairpin.getCodeDescription(), "a link to the rule's page");
		assertTrue(hairpin.getCodeDescription().getHref().endsWith("pool-traffic-hairpin.md"));
		assertTrue(Files.readString(Path.of(java.net.URI.create(hairpin.getCodeDescription().getHref())))
				.startsWith("# pool-traffic-hairpin"), "the link opens the page");
		assertNotNull(hairpin.getRelatedInformation(), "the trace as related information");
		assertTrue(hairpin.getRelatedInformation().stream().anyMatch(r -> r.getLocation().getUri().endsWith("hq.ocstopo")),
				"hops point into the other file of the topology");
		assertTrue(hairpin.getMessage().getLeft().contains("This service is temporarily unavailable"));

		int version = 1;
		for (int round = 0; round < 2; round++) {
			Diagnostic target = withCode(diagnostics, "pool-traffic-hairpin").get(0);
			List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = server.getTextDocumentService()
					.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), target.getRange(),
							new CodeActionContext(List.of(target))))
					.get(60, TimeUnit.SECONDS);
			CodeAction pointRecord = actions.stream().filter(Either::isRight).map(Either::getRight)
					.filter(a -> a.getTitle().startsWith("Point the A record")).findFirst()
					.orElseThrow(() -> new AssertionError("offered: " + actions));
			assertEquals("quickfix", pointRecord.getKind());
			// The fix validate --fix would apply (the hosts entry on the sender) is the preferred one, alone.
			List<String> preferred = actions.stream().filter(Either::isRight).map(Either::getRight)
					.filter(a -> Boolean.TRUE.equals(a.getIsPreferred())).map(CodeAction::getTitle).toList();
			assertEquals(1, preferred.size(), "one preferred action: " + actions);
			assertTrue(preferred.get(0).startsWith("Add a hosts entry on "), preferred.toString());
			List<TextEdit> edits = pointRecord.getEdit().getChanges().get(uri);
			assertNotNull(edits, "the fix edits the DNS file: " + pointRecord.getEdit());
			text = new Document(version, text).applyChanges(edits).getContents();
			version++;
			server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
					new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
			int remaining = 1 - round;
			diagnostics = diagnosticsOf(uri, d -> withCode(d, "pool-traffic-hairpin").size() == remaining);
		}
		assertEquals(List.of(), diagnostics, "clean after both fixes");
		assertTrue(text.contains("A fe1.contoso.com -> 192.0.2.11") && text.contains("A fe2.contoso.com -> 192.0.2.12"), text);
		assertTrue(text.contains("// The load-balancer-facing addresses, on two different subnets: the cause."),
				"comments stay");
		assertFalse(session.stderr().contains("Exception"), session.stderr());
	}

	@Test
	void theServerSurvivesGarbageAndDeletedFiles() throws Exception {
		Path file = Files.writeString(workspace.resolve("t.ocstopo"), "subnet lan 192.0.2.0/24\n");
		initialize();
		String uri = file.toUri().toString();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1,
				"server }}} {{{ \u0000 192.168.1.300/99 -> -> sip:@ \"unterminated")));
		List<Diagnostic> diagnostics = diagnosticsOf(uri, d -> !withCode(d, "syntax-error").isEmpty());
		assertFalse(diagnostics.isEmpty());
		Files.delete(file);
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
				List.of(new TextDocumentContentChangeEvent("subnet lan 192.0.2.5/24\n"))));
		diagnosticsOf(uri, d -> withCode(d, "subnet-host-bits").size() == 1);
		// A client that sends a diagnostic back without its range (Neovim 0.7 does) gets an answer, not an error.
		Diagnostic rangeless = new Diagnostic();
		rangeless.setCode("subnet-host-bits");
		rangeless.setMessage("x");
		List<Either<org.eclipse.lsp4j.Command, CodeAction>> answer = server.getTextDocumentService()
				.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
						new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(0, 0), new org.eclipse.lsp4j.Position(0, 3)),
						new CodeActionContext(List.of(rangeless))))
				.get(20, TimeUnit.SECONDS);
		assertNotNull(answer);
		// An unknown request gets an error answer, and the server goes on.
		CompletableFuture<?> unknown = ((org.eclipse.lsp4j.jsonrpc.Endpoint) server)
				.request("ocstopo/noSuchRequest", Map.of());
		try {
			unknown.get(20, TimeUnit.SECONDS);
		} catch (java.util.concurrent.ExecutionException expected) {
			// "method not found" is the right answer
		}
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 3),
				List.of(new TextDocumentContentChangeEvent("subnet lan 192.0.2.0/24\n"))));
		assertEquals(List.of(), diagnosticsOf(uri, List::isEmpty));
		assertTrue(session.isAlive());
		List<String> lines = new ArrayList<>(session.stderr().lines().toList());
		assertFalse(lines.stream().anyMatch(l -> l.startsWith("\tat ")), "no stack trace: " + lines);
	}

	@Test
	void editorServicesAnswerWithWhatTheAnalysisKnows() throws Exception {
		String servers = "topology T {\n    product lync2010\n}\n\nregistrar global {\n    max endpoints per user 3\n}\n\n"
				+ "site Redmond {\n    subnet lan 192.0.2.0/24\n    server fe1.contoso.com {\n        interface 192.0.2.11 on lan\n"
				+ "        default gateway 192.0.2.1\n    }\n    server fe2.contoso.com {\n        interface 192.0.2.12 on lan\n"
				+ "        default gateway 192.0.2.1\n    }\n}\n";
		String pools = "enterprise pool pool1.contoso.com {\n    front ends fe1.contoso.com, fe2.contoso.com\n}\n\n"
				+ "dns {\n    A fe1.contoso.com -> 192.0.2.11\n    A fe2.contoso.com -> 192.0.2.12\n}\n";
		Path a = Files.writeString(workspace.resolve("a.ocstopo"), servers);
		Path b = Files.writeString(workspace.resolve("b.ocstopo"), pools);
		initialize();
		String aUri = a.toUri().toString();
		String bUri = b.toUri().toString();
		var documents = server.getTextDocumentService();
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(aUri, "ocstopo", 1, servers)));
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(bUri, "ocstopo", 1, pools)));
		diagnosticsOf(bUri, List::isEmpty);

		// Hover: a server's interfaces and how the others resolve it; a pool's MPOP in force.
		var serverHover = documents.hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(aUri),
				positionOf(servers, "fe1.contoso.com {"))).get(30, TimeUnit.SECONDS);
		String serverText = serverHover.getContents().getRight().getValue();
		assertTrue(serverText.contains("interface 192.0.2.11 on 192.0.2.0/24"), serverText);
		assertTrue(serverText.contains("fe2.contoso.com: 192.0.2.11 (DNS)"), serverText);
		var poolHover = documents.hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(bUri),
				positionOf(pools, "pool1.contoso.com"))).get(30, TimeUnit.SECONDS);
		String poolText = poolHover.getContents().getRight().getValue();
		assertTrue(poolText.contains("in force: **3**, from the global setting"), poolText);

		// Go to definition and references across the two files.
		var definition = documents.definition(new org.eclipse.lsp4j.DefinitionParams(new TextDocumentIdentifier(bUri),
				positionOf(pools, "fe2.contoso.com"))).get(30, TimeUnit.SECONDS);
		List<? extends org.eclipse.lsp4j.Location> targets = definition.isLeft() ? definition.getLeft() : List.of();
		assertEquals(1, targets.size(), definition.toString());
		assertEquals(aUri, targets.get(0).getUri());
		assertEquals(positionOf(servers, "server fe2").getLine(), targets.get(0).getRange().getStart().getLine());
		var references = documents.references(new org.eclipse.lsp4j.ReferenceParams(new TextDocumentIdentifier(aUri),
				positionOf(servers, "fe1.contoso.com {"), new org.eclipse.lsp4j.ReferenceContext(false))).get(30, TimeUnit.SECONDS);
		assertTrue(references.stream().anyMatch(l -> l.getUri().equals(bUri)), references.toString());

		// Rename a server: the declaration and the pool's reference change.
		var rename = documents.rename(new org.eclipse.lsp4j.RenameParams(new TextDocumentIdentifier(aUri),
				positionOf(servers, "fe1.contoso.com {"), "fe9.contoso.com")).get(30, TimeUnit.SECONDS);
		String renamed = rename.toString();
		assertTrue(renamed.contains("fe9.contoso.com") && renamed.contains("b.ocstopo") && renamed.contains("a.ocstopo"), renamed);

		// Completion offers the templates where a declaration can start.
		var completion = documents.completion(new org.eclipse.lsp4j.CompletionParams(new TextDocumentIdentifier(aUri),
				positionOf(servers, "    server fe2"))).get(30, TimeUnit.SECONDS);
		List<String> labels = (completion.isLeft() ? completion.getLeft() : completion.getRight().getItems()).stream()
				.map(org.eclipse.lsp4j.CompletionItem::getLabel).toList();
		assertTrue(labels.contains("server (template)") && labels.contains("load balancer (template)"), labels.toString());
		// Not the words the grammar takes only as stray text (so that a typo does not stop the parser).
		for (String stray : List.of("udp", "cookie", "automap", "lync2010", "->", "hop", "ports")) {
			assertFalse(labels.contains(stray), stray + " proposed: " + labels);
		}

		// Symbols, folding, formatting, semantic tokens.
		var symbols = documents.documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(new TextDocumentIdentifier(aUri)))
				.get(30, TimeUnit.SECONDS);
		assertTrue(symbols.toString().contains("Redmond") && symbols.toString().contains("fe2.contoso.com"), symbols.toString());
		var folding = documents.foldingRange(new org.eclipse.lsp4j.FoldingRangeRequestParams(new TextDocumentIdentifier(aUri)))
				.get(30, TimeUnit.SECONDS);
		assertTrue(folding.size() >= 3, folding.toString());
		String messy = "site  Redmond{subnet lan 192.0.2.0/24}\n";
		documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(bUri, 2),
				List.of(new TextDocumentContentChangeEvent(messy))));
		var formatting = documents.formatting(new org.eclipse.lsp4j.DocumentFormattingParams(new TextDocumentIdentifier(bUri),
				new org.eclipse.lsp4j.FormattingOptions(4, true))).get(30, TimeUnit.SECONDS);
		assertEquals("site Redmond {\n    subnet lan 192.0.2.0/24\n}\n",
				apply(messy, formatting));
		var tokens = documents.semanticTokensFull(new org.eclipse.lsp4j.SemanticTokensParams(new TextDocumentIdentifier(aUri)))
				.get(30, TimeUnit.SECONDS);
		assertTrue(tokens != null && !tokens.getData().isEmpty(), "semantic tokens");
	}

	@Test
	void halfTypedTextNeverBreaksTheServer() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Path hq = Files.writeString(workspace.resolve("hq.ocstopo"), Files.readString(broken.resolve("hq.ocstopo")));
		Files.writeString(workspace.resolve("topology.ocstopo"), Files.readString(broken.resolve("topology.ocstopo")));
		initialize();
		String uri = hq.toUri().toString();
		String text = Files.readString(hq);
		var documents = server.getTextDocumentService();
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, text)));
		diagnosticsOf(uri, d -> true);
		// Deterministic edits an editor could make while typing (this seed once found a hover crash
		// on a position with nothing under it): cut a span, paste it elsewhere,
		// type a character; after each, ask what an editor asks.
		java.util.Random random = new java.util.Random(1234);
		String alphabet = "{}.,/ -> 0123456789abcxyz\n";
		List<String> failures = new ArrayList<>();
		for (int version = 2; version < 150; version++) {
			int at = random.nextInt(text.length() + 1);
			switch (random.nextInt(3)) {
				case 0 -> text = text.substring(0, at) + text.substring(Math.min(text.length(), at + random.nextInt(12)));
				case 1 -> text = text.substring(0, at) + alphabet.charAt(random.nextInt(alphabet.length())) + text.substring(at);
				default -> {
					int from = random.nextInt(text.length() + 1);
					int to = Math.min(text.length(), from + random.nextInt(30));
					text = text.substring(0, at) + text.substring(from, to) + text.substring(at);
				}
			}
			documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
					List.of(new TextDocumentContentChangeEvent(text))));
			Document document = new Document(version, text);
			org.eclipse.lsp4j.Position position = document.getPosition(random.nextInt(text.length() + 1));
			try {
				documents.hover(new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(uri), position))
						.get(30, TimeUnit.SECONDS);
				documents.completion(new org.eclipse.lsp4j.CompletionParams(new TextDocumentIdentifier(uri), position))
						.get(30, TimeUnit.SECONDS);
				documents.documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(new TextDocumentIdentifier(uri)))
						.get(30, TimeUnit.SECONDS);
				List<Diagnostic> current = session.latestDiagnosticsOf(uri);
				if (!current.isEmpty()) {
					documents.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), current.get(0).getRange(),
							new CodeActionContext(current))).get(30, TimeUnit.SECONDS);
				}
			} catch (java.util.concurrent.ExecutionException e) {
				Object detail = e.getCause() instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException error
						? error.getResponseError().getData() : e.getCause();
				failures.add("version " + version + ": " + e.getCause() + "\n" + detail);
			}
		}
		assertEquals(List.of(), failures, "requests that failed on half-typed text");
		assertTrue(session.isAlive());
		assertFalse(session.stderr().contains("\tat "), "no stack trace on stderr: " + session.stderr());
	}

	@Test
	void anEditInOneFileRefreshesTheFindingsOfItsSiblings() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Path topology = Files.writeString(workspace.resolve("topology.ocstopo"), Files.readString(broken.resolve("topology.ocstopo")));
		Path hq = Files.writeString(workspace.resolve("hq.ocstopo"), Files.readString(broken.resolve("hq.ocstopo")));
		initialize();
		String topologyUri = topology.toUri().toString();
		String hqUri = hq.toUri().toString();
		var documents = server.getTextDocumentService();
		String site = Files.readString(hq);
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(hqUri, "ocstopo", 1, site)));
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(topologyUri, "ocstopo", 1, Files.readString(topology))));
		diagnosticsOf(topologyUri, d -> withCode(d, "pool-traffic-hairpin").size() == 2);
		// Let the opening builds settle, so that what follows answers the edit alone.
		Thread.sleep(3000);
		session.forgetPublished();
		// The field's fourth remedy, typed in the balancer's file: the DNS file's findings must go.
		String kept = site.replace("forwarding virtual server routed 0.0.0.0/0 {\n            source translation automap",
				"forwarding virtual server routed 0.0.0.0/0 {\n            source translation none");
		assertFalse(kept.equals(site));
		documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(hqUri, 2),
				List.of(new TextDocumentContentChangeEvent(kept))));
		assertEquals(List.of(), diagnosticsOf(topologyUri, List::isEmpty));
	}

	/**
	 * An editor's change is parsed again only where it falls when no other file refers to the file
	 * (TopologyResource.updateInPlace). Here another file does: the subnet's new range must reach
	 * the server declared on it in the other file.
	 */
	@Test
	void anEditOfADeclarationAnotherFileRefersToReachesThatFile() throws Exception {
		String nets = "site Redmond {\n    subnet servers 192.0.2.0/25\n}\n";
		Path netsFile = Files.writeString(workspace.resolve("nets.ocstopo"), nets);
		Path hostsFile = Files.writeString(workspace.resolve("hosts.ocstopo"), "site Bellevue {\n    server fe1.contoso.com {\n"
				+ "        interface 192.0.2.100 on servers\n        default gateway 192.0.2.1\n    }\n}\n");
		initialize();
		String netsUri = netsFile.toUri().toString();
		String hostsUri = hostsFile.toUri().toString();
		var documents = server.getTextDocumentService();
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(netsUri, "ocstopo", 1, nets)));
		assertEquals(List.of(), withCode(diagnosticsOf(hostsUri, d -> true), "address-outside-subnet"));
		// 192.0.2.0/26 ends at .63: the server's .100 is now outside it.
		documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(netsUri, 2),
				List.of(LanguageServerSession.change(nets, nets.replace("/25", "/26")))));
		List<Diagnostic> outside = withCode(diagnosticsOf(hostsUri, d -> !withCode(d, "address-outside-subnet").isEmpty()),
				"address-outside-subnet");
		String message = outside.get(0).getMessage().getLeft();
		assertTrue(message.contains("192.0.2.100"), message);
	}

	/**
	 * The field report's fourth remedy (no source translation on the balancer's forwarding virtual
	 * server) typed into a topology of one file: a file no other refers to, so parsed again in
	 * part, and its model is the same object. The folder's analysis must see the change (a
	 * sibling would have been loaded afresh, and the analysis run again for that).
	 */
	@Test
	void theRemedyTypedIntoAOneFileTopologyClearsItsFindings() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		String text = Files.readString(broken.resolve("topology.ocstopo")) + Files.readString(broken.resolve("hq.ocstopo"));
		Path topology = Files.writeString(workspace.resolve("topology.ocstopo"), text);
		initialize();
		String topologyUri = topology.toUri().toString();
		var documents = server.getTextDocumentService();
		documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(topologyUri, "ocstopo", 1, text)));
		diagnosticsOf(topologyUri, d -> withCode(d, "pool-traffic-hairpin").size() == 2);
		String remedied = text.replace("routed 0.0.0.0/0 {\n            source translation automap",
				"routed 0.0.0.0/0 {\n            source translation none");
		assertFalse(remedied.equals(text));
		documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(topologyUri, 2),
				List.of(LanguageServerSession.change(text, remedied))));
		assertEquals(List.of(), diagnosticsOf(topologyUri, List::isEmpty));
	}
}
