package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language server keeps what an edit does not touch: a file is parsed again only where it
 * changed (when no other file refers to it), and a sibling that only its folder-wide findings tie
 * to the edited file keeps its parsed model. Whatever edits it was sent, its findings must be
 * those of a server started afresh on the same texts. Edits as editors send them (ranges, one
 * after another as typed) on the examples' folders, each file open.
 */
class LanguageServerIncrementalTest {

	@TempDir
	Path edited;

	@TempDir
	Path fresh;

	@Test
	void findingsAfterEditsAreThoseOfAFreshStart() throws Exception {
		findingsAfterEditsAreThoseOfAFreshStart(List.of());
	}

	/**
	 * The same with every change parsed ahead of its build (the path of a file of a million
	 * characters or more, {@code ParseAhead}): each change is held, with what comes after it, until
	 * its text is parsed, while requests on other files go on. A request on the changed file right
	 * after its change must see the change (both runs ask for its outline).
	 */
	@Test
	void findingsAfterEditsParsedAheadAreThoseOfAFreshStart() throws Exception {
		findingsAfterEditsAreThoseOfAFreshStart(List.of("-Docstopo.parseAhead.minChars=0"));
	}

	private void findingsAfterEditsAreThoseOfAFreshStart(List<String> jvmOptions) throws Exception {
		Path examples = TopologyTestSupport.repositoryRoot().resolve("examples");
		Map<String, String> texts = new TreeMap<>();
		for (String folder : List.of("multisite", "rgs-loadbalancer/broken", "groupchat-mpop/broken")) {
			try (Stream<Path> files = Files.list(examples.resolve(folder))) {
				for (Path file : files.filter(p -> p.toString().endsWith(".ocstopo")).sorted().toList()) {
					texts.put(folder.replace('/', '-') + "/" + file.getFileName(), Files.readString(file));
				}
			}
		}
		// The balancer example with its subnets in a file of their own: the other files refer into it.
		String hq = texts.get("rgs-loadbalancer-broken/hq.ocstopo");
		StringBuilder subnets = new StringBuilder("site Nets {\n");
		StringBuilder rest = new StringBuilder();
		for (String line : hq.split("\n", -1)) {
			(line.strip().startsWith("subnet ") ? subnets : rest).append(line).append('\n');
		}
		texts.put("split/topology.ocstopo", texts.get("rgs-loadbalancer-broken/topology.ocstopo"));
		texts.put("split/subnets.ocstopo", subnets.append("}\n").toString());
		texts.put("split/hq.ocstopo", rest.toString().stripTrailing() + "\n");
		write(edited, texts);
		Map<String, List<String>> incremental;
		try (LanguageServerSession session = LanguageServerSession.start(null, jvmOptions)) {
			session.initialize(edited, new ClientCapabilities());
			for (Map.Entry<String, String> file : texts.entrySet()) {
				session.documents().didOpen(new DidOpenTextDocumentParams(
						new TextDocumentItem(uri(edited, file.getKey()), "ocstopo", 1, file.getValue())));
			}
			session.settledDiagnostics(Duration.ofSeconds(2));
			Random random = new Random(11);
			List<String> names = new ArrayList<>(texts.keySet());
			int version = 1;
			for (int i = 0; i < 40; i++) {
				String name = i % 4 == 0 ? "split/subnets.ocstopo" : names.get(random.nextInt(names.size()));
				String before = texts.get(name);
				// Every fourth edit adds or takes away a subnet at the top of the file others refer
				// into: every later declaration of it moves.
				String after = i % 4 != 0 ? InPlaceUpdateTest.edit(before, random)
						: i % 8 == 0 ? before.replace("site Nets {\n", "site Nets {\n    subnet spare" + i + " 10.99." + i + ".0/24\n")
								: before.replaceFirst("site Nets \\{\n    subnet spare\\d+ [^\n]*\n", "site Nets {\n");
				texts.put(name, after);
				session.documents().didChange(new DidChangeTextDocumentParams(
						new VersionedTextDocumentIdentifier(uri(edited, name), ++version), List.of(LanguageServerSession.change(before, after))));
				if (i % 4 == 0) {
					// Asked right after the change, of the changed file: the outline has the change.
					String symbols = session.documents().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri(edited, name))))
							.get(30, TimeUnit.SECONDS).stream().map(s -> s.isLeft() ? s.getLeft().getName() : s.getRight().getName())
							.toList().toString();
					// Held behind the change, not sent past it: else it sees the text before the change,
					// or is cancelled by the change's build (both fail here).
					assertEquals(i % 8 == 0, symbols.contains("spare" + i), "outline right after edit " + i + ": " + symbols);
				}
				// As typed: some edits come before the last one's build and checks are done.
				Thread.sleep(random.nextInt(3) * 150L);
			}
			incremental = findings(session.settledDiagnostics(Duration.ofSeconds(3)), edited);
		}
		write(fresh, texts);
		Map<String, List<String>> afresh;
		try (LanguageServerSession session = LanguageServerSession.start()) {
			session.initialize(fresh, new ClientCapabilities());
			afresh = findings(session.settledDiagnostics(Duration.ofSeconds(3)), fresh);
		}
		assertEquals(texts.keySet(), afresh.keySet(), "a fresh server's findings for every file");
		assertTrue(afresh.values().stream().anyMatch(f -> !f.isEmpty()), "the edited examples have findings");
		assertEquals(afresh, incremental);
	}

	/**
	 * A change held for its parse (made to last 2 s here), then closed and opened again with another
	 * text before the parse is done: the close lets the held change go, and what the server says of
	 * the file is what the last text says (the parse of a text that is no longer the file's is
	 * never installed).
	 */
	@Test
	void aFileClosedAndOpenedAgainWhileItsChangeIsParsedShowsItsLastText() throws Exception {
		String text = "site Redmond {\n    subnet servers 192.0.2.0/25\n}\n";
		Path file = edited.resolve("site.ocstopo");
		Files.writeString(file, text);
		try (LanguageServerSession session = LanguageServerSession.start(null, List.of("-Docstopo.parseAhead.minChars=0",
				"-Docstopo.parseAhead.testDelayMillis=2000"))) {
			session.initialize(edited, new ClientCapabilities());
			String uri = file.toUri().toString();
			session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 1, text)));
			session.settledDiagnostics(Duration.ofSeconds(1));
			String changed = text.replace("servers", "changed");
			session.documents().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
					List.of(LanguageServerSession.change(text, changed))));
			session.documents().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
			String reopened = text.replace("servers", "reopened").replace("/25", "/33");
			session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "ocstopo", 3, reopened)));
			String symbols = session.documents().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri)))
					.get(30, TimeUnit.SECONDS).stream().map(s -> s.isLeft() ? s.getLeft().getName() : s.getRight().getName())
					.toList().toString();
			assertTrue(symbols.contains("reopened") && !symbols.contains("changed"), symbols);
			List<Diagnostic> findings = session.settledDiagnostics(Duration.ofSeconds(2)).get(uri);
			assertTrue(findings != null && findings.stream().anyMatch(d -> d.getRange().getStart().getLine() == 1),
					"the reopened text's bad prefix length is found: " + findings);
		}
	}

	/**
	 * While a large change is held for its parse (made to last 3 s here), a hover on another file
	 * is answered from the state before the change; once the change is built, from the state after
	 * it; and the build installed the model made ahead (the server says so in its debug log).
	 */
	@Test
	void aHoverOnAnotherFileIsAnsweredWhileAChangeIsParsedAhead() throws Exception {
		String subnets = "site Redmond {\n    subnet servers 192.0.2.0/24\n}\n";
		String servers = "site Redmond {\n    server fe1.contoso.com {\n        interface 192.0.2.11 on servers\n"
				+ "        default gateway 192.0.2.1\n    }\n}\n";
		Path subnetFile = Files.writeString(edited.resolve("subnets.ocstopo"), subnets);
		Path serverFile = Files.writeString(edited.resolve("servers.ocstopo"), servers);
		Path logging = Files.writeString(fresh.resolve("log4j.properties"), "log4j.rootLogger=WARN, stderr\n"
				+ "log4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\n"
				+ "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n"
				+ "log4j.appender.stderr.layout.ConversionPattern=%p %c{1} - %m%n\n"
				+ "log4j.logger.org.ocs.topology.resource.TopologyResource=DEBUG\n");
		try (LanguageServerSession session = LanguageServerSession.start(null, List.of("-Docstopo.parseAhead.minChars=0",
				"-Docstopo.parseAhead.testDelayMillis=3000", "-Dlog4j.configuration=" + logging.toUri()))) {
			session.initialize(edited, new ClientCapabilities());
			String subnetUri = subnetFile.toUri().toString();
			String serverUri = serverFile.toUri().toString();
			session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(subnetUri, "ocstopo", 1, subnets)));
			session.documents().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(serverUri, "ocstopo", 1, servers)));
			session.settledDiagnostics(Duration.ofSeconds(1));
			org.eclipse.lsp4j.HoverParams hover = new org.eclipse.lsp4j.HoverParams(new TextDocumentIdentifier(serverUri),
					LanguageServerSession.positionOf(servers, "fe1.contoso.com {"));
			String narrowed = subnets.replace("/24", "/25");
			session.documents().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(subnetUri, 2),
					List.of(LanguageServerSession.change(subnets, narrowed))));
			String during = session.documents().hover(hover).get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
			assertTrue(during.contains("on 192.0.2.0/24"), "answered while the change is held: " + during);
			// The change is built once its parse (3 s) is done: then its findings are checked again.
			for (long waited = 0; !session.stderr().contains("installed the model made ahead for") && waited < 30_000; waited += 100) {
				Thread.sleep(100);
			}
			session.settledDiagnostics(Duration.ofSeconds(2));
			String after = session.documents().hover(hover).get(30, TimeUnit.SECONDS).getContents().getRight().getValue();
			assertTrue(after.contains("on 192.0.2.0/25"), "answered after the change: " + after);
			assertTrue(session.stderr().contains("installed the model made ahead for " + subnetUri), session.stderr());
		}
	}

	/**
	 * While the server starts, completion, hover and edits run on a text of the server's own, and the
	 * protocol's framing and JSON code read and write messages of its own, so that a user's first requests
	 * do not pay for cold code; both say so in the server's log, and neither fails.
	 */
	@Test
	void theServerWarmsUpCompletionAndTheProtocolAsItStarts() throws Exception {
		Path logging = Files.writeString(fresh.resolve("log4j.properties"), "log4j.rootLogger=WARN, stderr\n"
				+ "log4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\n"
				+ "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n"
				+ "log4j.appender.stderr.layout.ConversionPattern=%p %c{1} - %m%n\n"
				+ "log4j.logger.org.ocs.topology.ide.server.WarmUp=INFO\n"
				+ "log4j.logger.org.ocs.topology.ide.server.ProtocolWarmUp=INFO\n");
		try (LanguageServerSession session = LanguageServerSession.start(null, List.of("-Dlog4j.configuration=" + logging.toUri()))) {
			session.initialize(edited, new ClientCapabilities());
			for (long waited = 0; !(session.stderr().contains("protocol warmed up in")
					&& session.stderr().contains("completion and hover warmed up in")
					&& session.stderr().contains("editing warmed up in")) && waited < 30_000; waited += 100) {
				Thread.sleep(100);
			}
			assertTrue(session.stderr().contains("INFO ProtocolWarmUp - protocol warmed up in"), session.stderr());
			assertTrue(session.stderr().contains("INFO WarmUp - completion and hover warmed up in"), session.stderr());
			// The edits are an editor's: each parsed in place (the path of a didChange), none in whole.
			assertTrue(session.stderr().contains("(40 of 40 edits parsed in place)"), session.stderr());
			assertFalse(session.stderr().contains("warm-up of"), session.stderr());
		}
	}

	/**
	 * The warm-up's edits take the CPU only while no request runs (a client waiting on the server
	 * must not share two cores with them): while a client keeps asking, they wait; once it stops,
	 * they run. Ungated, the 40 edits take 1.5 to 2 s, well within the 8 s of requests.
	 */
	@Test
	void theWarmUpsEditsWaitWhileAClientKeepsTheServerBusy() throws Exception {
		Path logging = Files.writeString(fresh.resolve("log4j.properties"), "log4j.rootLogger=WARN, stderr\n"
				+ "log4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\n"
				+ "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n"
				+ "log4j.appender.stderr.layout.ConversionPattern=%p %c{1} - %m%n\n"
				+ "log4j.logger.org.ocs.topology.ide.server.WarmUp=INFO\n");
		Path site = Files.writeString(edited.resolve("site.ocstopo"), "subnet lan 10.0.1.0/24\n");
		try (LanguageServerSession session = LanguageServerSession.start(null, List.of("-Dlog4j.configuration=" + logging.toUri()))) {
			session.initialize(edited, new ClientCapabilities());
			org.eclipse.lsp4j.HoverParams hover = new org.eclipse.lsp4j.HoverParams(
					new TextDocumentIdentifier(site.toUri().toString()), new org.eclipse.lsp4j.Position(0, 8));
			long busyUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
			int asked = 0;
			while (System.nanoTime() < busyUntil) {
				session.server().getTextDocumentService().hover(hover).get(30, TimeUnit.SECONDS);
				asked++;
				Thread.sleep(20);
			}
			assertTrue(session.stderr().contains("completion and hover warmed up in"), session.stderr());
			assertFalse(session.stderr().contains("editing warmed up in"), asked + " hovers: " + session.stderr());
			for (long waited = 0; !session.stderr().contains("editing warmed up in") && waited < 60_000; waited += 100) {
				Thread.sleep(100);
			}
			assertTrue(session.stderr().contains("(40 of 40 edits parsed in place)"), session.stderr());
			assertFalse(session.stderr().contains("warm-up of"), session.stderr());
		}
	}

	private static void write(Path root, Map<String, String> texts) throws java.io.IOException {
		for (Map.Entry<String, String> file : texts.entrySet()) {
			Path path = root.resolve(file.getKey());
			Files.createDirectories(path.getParent());
			Files.writeString(path, file.getValue());
		}
	}

	private static String uri(Path root, String name) {
		return root.resolve(name).toUri().toString();
	}

	/** Each file's findings by its name in the workspace: range, severity, rule, message. */
	private static Map<String, List<String>> findings(Map<String, List<Diagnostic>> published, Path root) {
		Map<String, List<String>> findings = new TreeMap<>();
		String prefix = root.toUri().toString();
		for (Map.Entry<String, List<Diagnostic>> file : published.entrySet()) {
			List<String> each = new ArrayList<>();
			for (Diagnostic diagnostic : file.getValue()) {
				Range range = diagnostic.getRange();
				each.add(range.getStart().getLine() + ":" + range.getStart().getCharacter() + "-" + range.getEnd().getLine() + ":"
						+ range.getEnd().getCharacter() + " " + diagnostic.getSeverity() + " "
						+ (diagnostic.getCode() == null ? "" : diagnostic.getCode().get()) + " "
						+ diagnostic.getMessage().getLeft().replace(prefix, "<workspace>/").replace(root.toString(), "<workspace>"));
			}
			each.sort(null);
			findings.put(file.getKey().replace(prefix, ""), each);
		}
		return findings;
	}
}
