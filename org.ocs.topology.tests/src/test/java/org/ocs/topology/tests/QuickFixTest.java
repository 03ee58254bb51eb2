package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2.Options;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.formatting2.TopologyFormatting;
import org.ocs.topology.ide.TopologyIdeSetup;
import org.ocs.topology.ide.quickfix.WorkspaceResolution;
import org.ocs.topology.rules.Rule;

import com.google.inject.Injector;

/**
 * Every quick fix offered on every example and on every rule page's failing example, applied:
 * the targeted finding must go, no rule may report more findings than before (of any severity), and
 * no list may name one thing twice.
 */
class QuickFixTest {

	private static Injector ide;

	@BeforeAll
	static void injector() {
		ide = new TopologyIdeSetup().createInjectorAndDoEMFRegistration();
	}

	/** A folder's files as text, by file name. */
	private record Folder(String name, Map<String, String> files) {
	}

	private static List<Folder> corpus() throws IOException {
		List<Folder> folders = new ArrayList<>();
		Path root = TopologyTestSupport.repositoryRoot();
		try (Stream<Path> walk = Files.walk(root.resolve("examples"))) {
			for (Path dir : walk.filter(Files::isDirectory).sorted().toList()) {
				Map<String, String> files = new TreeMap<>();
				try (Stream<Path> list = Files.list(dir)) {
					for (Path file : list.filter(TopologyWorkspace::isTopologyFile).toList()) {
						files.put(file.getFileName().toString(), Files.readString(file));
					}
				}
				if (!files.isEmpty()) {
					folders.add(new Folder(root.relativize(dir).toString(), files));
				}
			}
		}
		for (Rule rule : Rule.values()) {
			List<String> failing = TopologyTestSupport.examples(Files.readString(root.resolve(rule.documentationPath())), "Failing");
			for (int i = 0; i < failing.size(); i++) {
				folders.add(new Folder(rule.documentationPath() + (i == 0 ? "" : " " + (i + 1)),
						Map.of("example.ocstopo", failing.get(i))));
			}
		}
		return folders;
	}

	/** Loads a folder's texts from a fresh directory and validates every file. */
	private static Map<String, List<Issue>> validate(Map<String, String> files, Map<String, XtextResource> resources)
			throws Exception {
		Path dir = Files.createTempDirectory("ocstopo-fix");
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(dir.resolve(file.getKey()), file.getValue());
		}
		TopologyWorkspace workspace = new TopologyWorkspace(ide);
		Map<String, List<Issue>> issues = new LinkedHashMap<>();
		for (String name : files.keySet()) {
			issues.put(name, workspace.validate(dir.resolve(name)));
			resources.put(name, workspace.load(dir.resolve(name)));
		}
		return issues;
	}

	private static Map<String, Integer> errorCounts(Map<String, List<Issue>> issues) {
		Map<String, Integer> counts = new TreeMap<>();
		issues.values().forEach(list -> list.stream().filter(i -> i.getSeverity() == Severity.ERROR)
				.forEach(i -> counts.merge(i.getCode(), 1, Integer::sum)));
		return counts;
	}

	private static Map<String, Integer> findingCounts(Map<String, List<Issue>> issues) {
		Map<String, Integer> counts = new TreeMap<>();
		issues.values().forEach(list -> list.forEach(i -> counts.merge(i.getCode(), 1, Integer::sum)));
		return counts;
	}

	private static List<String> messages(Map<String, List<Issue>> issues, String code) {
		return issues.values().stream().flatMap(List::stream).filter(i -> code.equals(i.getCode())).map(Issue::getMessage)
				.toList();
	}

	/** Names written twice in one list (a pool's members, a SNAT pool), across the fixed files. */
	private static String repeatedListMembers(Map<String, String> files) throws IOException {
		List<String> repeated = new ArrayList<>();
		for (Map.Entry<String, String> file : files.entrySet()) {
			XtextResource resource = (XtextResource) ide.getInstance(org.eclipse.xtext.resource.XtextResourceSet.class)
					.createResource(URI.createURI("file:/tmp/lists/" + file.getKey()));
			resource.load(new java.io.ByteArrayInputStream(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
					null);
			if (resource.getContents().isEmpty()) {
				continue;
			}
			org.eclipse.emf.ecore.EObject model = resource.getContents().get(0);
			model.eAllContents().forEachRemaining(object -> {
				for (org.eclipse.emf.ecore.EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
					if (!feature.isMany() || feature instanceof org.eclipse.emf.ecore.EReference reference
							&& reference.isContainment()) {
						continue;
					}
					java.util.Set<String> seen = new java.util.HashSet<>();
					for (INode node : NodeModelUtils.findNodesForFeature(object, feature)) {
						String text = NodeModelUtils.getTokenText(node).toLowerCase(java.util.Locale.ROOT);
						if (!seen.add(text)) {
							repeated.add(file.getKey() + ": " + text);
						}
					}
				}
			});
		}
		return String.join(", ", repeated);
	}

	private static long count(Map<String, List<Issue>> issues, String code) {
		return issues.values().stream().flatMap(List::stream).filter(i -> code.equals(i.getCode())).count();
	}

	@Test
	void everyOfferedFixRemovesItsFindingAndAddsNoError() throws Exception {
		IQuickFixProvider fixes = ide.getInstance(IQuickFixProvider.class);
		TreeSet<String> fixedCodes = new TreeSet<>();
		int applied = 0;
		List<String> failures = new ArrayList<>();
		for (Folder folder : corpus()) {
			Map<String, XtextResource> resources = new LinkedHashMap<>();
			Map<String, List<Issue>> before = validate(folder.files(), resources);
			for (Map.Entry<String, List<Issue>> file : before.entrySet()) {
				XtextResource resource = resources.get(file.getKey());
				Document document = new Document(1, folder.files().get(file.getKey()));
				for (Issue issue : file.getValue()) {
					Diagnostic diagnostic = diagnosticOf(issue, document);
					if (!fixes.handlesDiagnostic(diagnostic)) {
						continue;
					}
					Options options = optionsFor(resource, document, diagnostic);
					for (DiagnosticResolution resolution : fixes.getResolutions(options, diagnostic)) {
						Map<String, String> fixed = apply(folder.files(), resolution.apply());
						Map<String, List<Issue>> after = validate(fixed, new LinkedHashMap<>());
						String where = folder.name() + "/" + file.getKey() + ":" + issue.getLineNumber() + " "
								+ issue.getCode() + " fix '" + resolution.getLabel() + "'";
						if (count(after, issue.getCode()) >= count(before, issue.getCode())) {
							failures.add(where + ": the finding is still there");
						}
						// No new finding of any severity (the finding fixed may go from several to fewer).
						Map<String, Integer> newFindings = findingCounts(after);
						Map<String, Integer> oldFindings = findingCounts(before);
						newFindings.forEach((code, n) -> {
							if (n > oldFindings.getOrDefault(code, 0)) {
								failures.add(where + ": adds " + code + " " + messages(after, code));
							}
						});
						String repeated = repeatedListMembers(fixed);
						if (!repeated.isEmpty()) {
							failures.add(where + ": lists a name twice: " + repeated);
						}
						for (Map.Entry<String, String> changed : fixed.entrySet()) {
							String original = folder.files().get(changed.getKey());
							if (!changed.getValue().equals(original) && isCanonical(original) && !isCanonical(changed.getValue())) {
								failures.add(where + ": leaves " + changed.getKey() + " out of the canonical layout:\n"
										+ changed.getValue());
							}
						}
						fixedCodes.add(issue.getCode());
						applied++;
					}
				}
			}
		}
		assertEquals(List.of(), failures);
		assertTrue(applied >= 15, "fixes applied: " + applied);
		// Every rule that offers remedies has them exercised by its page's failing example or an example.
		for (Rule rule : Rule.values()) {
			if (rule.fixable()) {
				assertTrue(fixedCodes.contains(rule.id()), "no fix was exercised for " + rule.id() + "; exercised: " + fixedCodes);
			}
		}
	}

	/**
	 * The resolutions marked safe (what {@code validate --fix} applies) are those of the rules the
	 * catalogue marks {@code safeFix}: at most one per finding, and some on the examples for each.
	 */
	@Test
	void safeResolutionsAreOnlyThoseOfSafeFixRulesOnePerFinding() throws Exception {
		IQuickFixProvider fixes = ide.getInstance(IQuickFixProvider.class);
		TreeSet<String> safeSeen = new TreeSet<>();
		List<String> failures = new ArrayList<>();
		for (Folder folder : corpus()) {
			Map<String, XtextResource> resources = new LinkedHashMap<>();
			Map<String, List<Issue>> issues = validate(folder.files(), resources);
			for (Map.Entry<String, List<Issue>> file : issues.entrySet()) {
				Document document = new Document(1, folder.files().get(file.getKey()));
				for (Issue issue : file.getValue()) {
					Diagnostic diagnostic = diagnosticOf(issue, document);
					if (!fixes.handlesDiagnostic(diagnostic)) {
						continue;
					}
					long safe = fixes.getResolutions(optionsFor(resources.get(file.getKey()), document, diagnostic), diagnostic)
							.stream().filter(r -> r instanceof WorkspaceResolution w && w.safe()).count();
					boolean allowed = Rule.byId(issue.getCode()).map(Rule::safeFix).orElse(false);
					if (safe > (allowed ? 1 : 0)) {
						failures.add(folder.name() + "/" + file.getKey() + ":" + issue.getLineNumber() + " " + issue.getCode()
								+ ": " + safe + " safe resolutions");
					}
					if (safe > 0) {
						safeSeen.add(issue.getCode());
					}
				}
			}
		}
		assertEquals(List.of(), failures);
		assertEquals(java.util.Arrays.stream(Rule.values()).filter(Rule::safeFix).map(Rule::id)
				.collect(java.util.stream.Collectors.toCollection(TreeSet::new)), safeSeen);
	}

	@Test
	void theFieldReportGetsItsRemediesAsFixes() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Map<String, String> files = new TreeMap<>();
		files.put("hq.ocstopo", Files.readString(broken.resolve("hq.ocstopo")));
		files.put("topology.ocstopo", Files.readString(broken.resolve("topology.ocstopo")));
		Map<String, XtextResource> resources = new LinkedHashMap<>();
		Map<String, List<Issue>> issues = validate(files, resources);
		Issue hairpin = issues.get("topology.ocstopo").stream()
				.filter(i -> i.getMessage().contains("from fe1.contoso.com")).findFirst().orElseThrow();
		Document document = new Document(1, files.get("topology.ocstopo"));
		Diagnostic diagnostic = diagnosticOf(hairpin, document);
		Options options = optionsFor(resources.get("topology.ocstopo"), document, diagnostic);
		List<String> labels = ide.getInstance(IQuickFixProvider.class).getResolutions(options, diagnostic).stream()
				.map(DiagnosticResolution::getLabel).sorted().toList();
		assertEquals(List.of("Add a hosts entry on fe1.contoso.com: fe2.contoso.com -> 192.0.2.12",
				"Keep the source address on forwarding virtual server routed (source translation none)",
				"Point the A record of fe2.contoso.com at 192.0.2.12 (its address on fe1.contoso.com's subnet)"), labels);
		DiagnosticResolution hosts = ide.getInstance(IQuickFixProvider.class).getResolutions(options, diagnostic).stream()
				.filter(r -> r.getLabel().startsWith("Add a hosts entry")).findFirst().orElseThrow();
		Map<String, String> fixed = apply(files, hosts.apply());
		assertEquals(files.get("topology.ocstopo"), fixed.get("topology.ocstopo"), "the DNS file is untouched");
		assertTrue(fixed.get("hq.ocstopo").contains(
				"        default gateway 198.51.100.1\n        hosts fe2.contoso.com -> 192.0.2.12\n    }\n"),
				fixed.get("hq.ocstopo"));
		assertEquals(files.get("hq.ocstopo").length() + "        hosts fe2.contoso.com -> 192.0.2.12\n".length(),
				fixed.get("hq.ocstopo").length(), "one line added, nothing else changed");
	}

	/** The routing rules' messages (issue 9): said once, each under 400 characters before the path it shows. */
	@Test
	void routingMessagesStayUnder400CharactersBeforeThePath() throws Exception {
		Set<String> routing = Set.of("pool-traffic-hairpin", "pool-traffic-asymmetric", "pool-traffic-unreachable",
				"pool-peer-unresolved", "pool-dependency-unreachable", "gateway-not-floating", "gateway-undeclared",
				"gateway-not-on-link", "gateway-multiple", "snat-pool-empty", "pool-vip-source-kept");
		List<Map<String, String>> inputs = new ArrayList<>();
		corpus().forEach(folder -> inputs.add(folder.files()));
		inputs.add(threeFrontEnds());
		int seen = 0;
		for (Map<String, String> files : inputs) {
			for (Issue issue : validate(files, new LinkedHashMap<>()).values().stream().flatMap(List::stream).toList()) {
				if (!routing.contains(issue.getCode())) {
					continue;
				}
				String message = issue.getMessage();
				int arrow = message.indexOf(" -> ");
				String before = arrow < 0 ? message : message.substring(0, Math.max(0, message.lastIndexOf(": ", arrow)));
				// What a verdict assumed is told after the path, and only when it assumed something.
				for (String assumed : List.of(" This rests on ", " This assumes ")) {
					before = before.contains(assumed) ? before.substring(0, before.indexOf(assumed)) : before;
				}
				assertTrue(before.length() <= 400, before.length() + " characters: " + message);
				seen++;
			}
		}
		assertTrue(seen >= 10, "the corpus has routing findings to measure: " + seen);
	}

	/** The field report with a third Front End beside fe1: fe1 and fe3 hairpin to fe2 for one cause, told once. */
	static Map<String, String> threeFrontEnds() throws IOException {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		String hq = Files.readString(broken.resolve("hq.ocstopo"));
		String fe3 = "    server fe3.contoso.com {\n        interface lb 198.51.100.12 on lb-side-a\n"
				+ "        interface mgmt 192.0.2.13 on management\n        default gateway 198.51.100.1\n    }\n\n";
		hq = hq.replace("    server fe2.contoso.com {", fe3 + "    server fe2.contoso.com {")
				.replace("front ends fe1.contoso.com, fe2.contoso.com", "front ends fe1.contoso.com, fe2.contoso.com, fe3.contoso.com");
		String dns = Files.readString(broken.resolve("topology.ocstopo")).replace("    A fe2.contoso.com -> 198.51.100.140\n",
				"    A fe2.contoso.com -> 198.51.100.140\n    A fe3.contoso.com -> 198.51.100.12\n");
		Map<String, String> files = new TreeMap<>();
		files.put("hq.ocstopo", hq);
		files.put("topology.ocstopo", dns);
		return files;
	}

	@Test
	void oneCauseForSeveralSendersIsOneFindingAndItsFixServesThemAll() throws Exception {
		Map<String, String> files = threeFrontEnds();
		Map<String, XtextResource> resources = new LinkedHashMap<>();
		Map<String, List<Issue>> issues = validate(files, resources);
		List<Issue> hairpins = issues.get("topology.ocstopo").stream().filter(i -> "pool-traffic-hairpin".equals(i.getCode()))
				.toList();
		// fe2's A record sends fe1's and fe3's traffic through the balancer: one finding there, not two;
		// fe2 to fe1 and fe2 to fe3 have a record each.
		assertEquals(3, hairpins.size(), hairpins.toString());
		Issue toFe2 = hairpins.stream().filter(i -> i.getMessage().contains("to fe2.contoso.com")).findFirst().orElseThrow();
		assertTrue(toFe2.getMessage().contains("from fe1.contoso.com and fe3.contoso.com to fe2.contoso.com"),
				toFe2.getMessage());
		assertTrue(toFe2.getMessage().contains("go through the load balancer"), toFe2.getMessage());
		assertTrue(toFe2.getMessage().contains("(the first of 2)"), toFe2.getMessage());
		assertEquals(1, hairpins.stream().filter(i -> i.getLineNumber() == toFe2.getLineNumber()).count(),
				"one finding on fe2's A record");
		Document document = new Document(1, files.get("topology.ocstopo"));
		Diagnostic diagnostic = diagnosticOf(toFe2, document);
		Options options = optionsFor(resources.get("topology.ocstopo"), document, diagnostic);
		DiagnosticResolution hosts = ide.getInstance(IQuickFixProvider.class).getResolutions(options, diagnostic).stream()
				.filter(r -> r.getLabel().startsWith("Add a hosts entry")).findFirst().orElseThrow();
		assertEquals("Add a hosts entry on fe1.contoso.com and fe3.contoso.com: fe2.contoso.com -> 192.0.2.12",
				hosts.getLabel());
		Map<String, String> fixed = apply(files, hosts.apply());
		String entry = "        hosts fe2.contoso.com -> 192.0.2.12\n";
		assertEquals(files.get("hq.ocstopo").length() + 2 * entry.length(), fixed.get("hq.ocstopo").length(),
				"one line on each sender, nothing else: " + fixed.get("hq.ocstopo"));
		Map<String, List<Issue>> after = validate(fixed, new LinkedHashMap<>());
		assertEquals(List.of(), after.values().stream().flatMap(List::stream)
				.filter(i -> i.getMessage().contains("to fe2.contoso.com")).toList(), "both senders reach fe2 directly now");
	}

	/** A Lookup account with more registrations than the registrar accepts as a limit: no raise to offer. */
	@Test
	void noMpopRaiseBeyondWhatTheRegistrarAccepts() throws Exception {
		String text = "topology T {\n    product lync2010\n}\nregistrar global {\n    max endpoints per user 8\n}\n"
				+ "site S {\n    enterprise pool p.contoso.com {\n    }\n    server gc1.contoso.com\n"
				+ "    group chat pool chat {\n        servers gc1.contoso.com\n"
				+ "        lookup account sip:ocschat@contoso.com homed on p.contoso.com plus %d other endpoints\n    }\n}\n";
		IQuickFixProvider fixes = ide.getInstance(IQuickFixProvider.class);
		Map<Integer, List<String>> labels = new TreeMap<>();
		for (int others : List.of(63, 64)) {
			Map<String, String> files = Map.of("t.ocstopo", String.format(text, others));
			Map<String, XtextResource> resources = new LinkedHashMap<>();
			Issue issue = validate(files, resources).get("t.ocstopo").stream()
					.filter(i -> "lookup-over-mpop".equals(i.getCode())).findFirst().orElseThrow();
			Document document = new Document(1, files.get("t.ocstopo"));
			Diagnostic diagnostic = diagnosticOf(issue, document);
			labels.put(others + 1, fixes.getResolutions(optionsFor(resources.get("t.ocstopo"), document, diagnostic),
					diagnostic).stream().map(DiagnosticResolution::getLabel).toList());
		}
		assertEquals(List.of("Set max endpoints per user to 64 (global setting)",
				"Add a registrar setting of 64 for pool p.contoso.com only"), labels.get(64));
		assertEquals(List.of(), labels.get(65), "65 registrations: no limit the registrar accepts is high enough");
	}

	/** The diagnostic a client would send back for an issue. */
	private static Diagnostic diagnosticOf(Issue issue, Document document) {
		Diagnostic diagnostic = new Diagnostic(new Range(document.getPosition(issue.getOffset()),
				document.getPosition(issue.getOffset() + issue.getLength())), issue.getMessage());
		diagnostic.setCode(Either.forLeft(issue.getCode()));
		diagnostic.setData(issue.getData());
		return diagnostic;
	}

	private static Options optionsFor(XtextResource resource, Document document, Diagnostic diagnostic) {
		Options options = new Options();
		options.setResource(resource);
		options.setDocument(document);
		options.setURI(resource.getURI().toString());
		options.setCodeActionParams(new CodeActionParams(new TextDocumentIdentifier(resource.getURI().toString()),
				diagnostic.getRange(), new CodeActionContext(List.of(diagnostic))));
		return options;
	}

	/** Whether formatting would leave the text as it is (text with syntax errors counts as canonical). */
	private static boolean isCanonical(String text) throws Exception {
		Path dir = Files.createTempDirectory("ocstopo-layout");
		Path file = Files.writeString(dir.resolve("t.ocstopo"), text);
		XtextResource resource = new TopologyWorkspace(ide).load(file);
		TopologyFormatting formatting = ide.getInstance(TopologyFormatting.class);
		return !formatting.canFormat(resource) || formatting.format(resource).equals(text);
	}

	/** Applies a workspace edit to the folder's texts; edits of one file from last to first. */
	private static Map<String, String> apply(Map<String, String> files, WorkspaceEdit edit) {
		Map<String, String> result = new TreeMap<>(files);
		for (Map.Entry<String, List<TextEdit>> change : edit.getChanges().entrySet()) {
			String name = URI.createURI(change.getKey()).lastSegment();
			assertTrue(result.containsKey(name), "edit of a file outside the folder: " + change.getKey());
			List<TextEdit> edits = new ArrayList<>(change.getValue());
			edits.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
					.thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
			Document document = new Document(1, result.get(name));
			for (TextEdit textEdit : edits) {
				document = document.applyChanges(List.of(textEdit));
			}
			result.put(name, document.getContents());
		}
		return result;
	}

	@Test
	void noHostsOrDnsFixWhenThePeersShareNoSubnet() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Map<String, String> files = new TreeMap<>();
		// Without the management segment the Front Ends share no subnet: only the balancer can be changed.
		files.put("hq.ocstopo", Files.readString(broken.resolve("hq.ocstopo"))
				.replace("        interface mgmt 192.0.2.11 on management\n", "")
				.replace("        interface mgmt 192.0.2.12 on management\n", ""));
		files.put("topology.ocstopo", Files.readString(broken.resolve("topology.ocstopo")));
		Map<String, XtextResource> resources = new LinkedHashMap<>();
		Map<String, List<Issue>> issues = validate(files, resources);
		Issue hairpin = issues.get("topology.ocstopo").stream().filter(i -> "pool-traffic-hairpin".equals(i.getCode()))
				.findFirst().orElseThrow(() -> new AssertionError(issues.toString()));
		Document document = new Document(1, files.get("topology.ocstopo"));
		Diagnostic diagnostic = diagnosticOf(hairpin, document);
		Options options = optionsFor(resources.get("topology.ocstopo"), document, diagnostic);
		List<String> labels = ide.getInstance(IQuickFixProvider.class).getResolutions(options, diagnostic).stream()
				.map(DiagnosticResolution::getLabel).toList();
		assertEquals(List.of("Keep the source address on forwarding virtual server routed (source translation none)"), labels);
	}

	private static Map<String, String> failingExample(String rule) throws Exception {
		String page = Files.readString(TopologyTestSupport.repositoryRoot().resolve("docs/rules/" + rule + ".md"));
		return Map.of("t.ocstopo", TopologyTestSupport.examples(page, "Failing").get(0));
	}

	/**
	 * A balancer that drops Front End traffic for want of a virtual server is offered forwarding
	 * virtual servers, one per destination network it dropped, proven by the analysis to mend both
	 * directions; applied, the folder validates clean.
	 */
	@Test
	void aDroppingBalancerIsOfferedTheForwardingVirtualServers() throws Exception {
		Map<String, String> files = failingExample("pool-traffic-unreachable");
		List<DiagnosticResolution> resolutions = resolutionsFor(files, "t.ocstopo", "pool-traffic-unreachable");
		assertEquals(List.of("Add on bigip01 forwarding virtual server forward-198-51-100-128-25 for 198.51.100.128/25; on bigip01"
				+ " forwarding virtual server forward-198-51-100-0-25 for 198.51.100.0/25: the balancer then routes it, keeping"
				+ " the source address"), resolutions.stream().map(DiagnosticResolution::getLabel).toList());
		String fixed = applyFirst(files, "t.ocstopo", resolutions);
		assertTrue(fixed.contains("""
				        forwarding virtual server forward-198-51-100-128-25 198.51.100.128/25 {
				            source translation none
				        }
				        forwarding virtual server forward-198-51-100-0-25 198.51.100.0/25 {
				            source translation none
				        }
				    }
				"""), fixed);
		assertEquals(List.of(), validate(Map.of("t.ocstopo", fixed), new LinkedHashMap<>()).get("t.ocstopo"));
	}

	/** A forwarding virtual server that lacks the Front Ends' ports gets them, on its own line, in one edit. */
	@Test
	void aForwardingVirtualServerWithoutThePortsGetsThem() throws Exception {
		String example = failingExample("pool-traffic-unreachable").get("t.ocstopo").replace("""
				            source translation automap
				        }
				""", """
				            source translation automap
				        }
				        forwarding virtual server routed {
				            ports tcp 5061
				            source translation none
				        }
				""");
		Map<String, String> files = Map.of("t.ocstopo", example);
		List<DiagnosticResolution> resolutions = resolutionsFor(files, "t.ocstopo", "pool-traffic-unreachable");
		List<String> labels = resolutions.stream().map(DiagnosticResolution::getLabel).toList();
		assertEquals(1, labels.size(), labels.toString());
		assertTrue(labels.get(0).startsWith("Add TCP ") && labels.get(0).contains(" on forwarding virtual server routed of bigip01"),
				labels.toString());
		String fixed = applyFirst(files, "t.ocstopo", resolutions);
		assertTrue(fixed.matches("(?s).*ports tcp 5061, \\d+(, \\d+)*\n.*"), fixed);
		assertEquals(List.of(), validate(Map.of("t.ocstopo", fixed), new LinkedHashMap<>()).get("t.ocstopo"));
	}

	/**
	 * An asymmetric path is offered the static route that makes the reply retrace the request, on
	 * the server that answers the wrong way, through the balancer's address on its subnet; a route the
	 * analysis cannot prove (the senders' way, through a router that does not reach the peer) is not offered.
	 */
	@Test
	void anAsymmetricPathIsOfferedTheRouteThatRetracesIt() throws Exception {
		Map<String, String> files = failingExample("pool-traffic-asymmetric");
		List<String> labels = resolutionsFor(files, "t.ocstopo", "pool-traffic-asymmetric").stream()
				.map(DiagnosticResolution::getLabel).toList();
		assertTrue(labels.contains("Add on fe2.contoso.com route 198.51.100.0/25 via 198.51.100.129 (bigip01): the traffic then"
				+ " goes back the way it came"), labels.toString());
		assertTrue(labels.stream().noneMatch(l -> l.contains("via 198.51.100.3")), labels.toString());
	}

	/** The resolutions offered for the first issue with {@code code} in {@code file} of a folder. */
	private static List<DiagnosticResolution> resolutionsFor(Map<String, String> files, String file, String code)
			throws Exception {
		Map<String, XtextResource> resources = new LinkedHashMap<>();
		Map<String, List<Issue>> issues = validate(files, resources);
		Issue issue = issues.get(file).stream().filter(i -> code.equals(i.getCode())).findFirst()
				.orElseThrow(() -> new AssertionError("no " + code + " in " + issues));
		Document document = new Document(1, files.get(file));
		Diagnostic diagnostic = diagnosticOf(issue, document);
		return ide.getInstance(IQuickFixProvider.class).getResolutions(optionsFor(resources.get(file), document, diagnostic),
				diagnostic);
	}

	private static String applyFirst(Map<String, String> files, String file, List<DiagnosticResolution> resolutions) {
		return apply(files, resolutions.get(0).apply()).get(file);
	}

	/** The closest name that is not already in the list: 'fe02' becomes fe2, never a second fe1. */
	@Test
	void aMistypedMemberIsOfferedTheNearestNameNotYetListed() throws Exception {
		Map<String, String> files = Map.of("t.ocstopo", """
				subnet lan 10.0.1.0/24
				server fe1.contoso.com {
				    interface 10.0.1.11 on lan
				}
				server fe2.contoso.com {
				    interface 10.0.1.12 on lan
				}
				enterprise pool pool.contoso.com {
				    front ends fe1.contoso.com, fe02.contoso.com
				}
				""");
		List<DiagnosticResolution> resolutions = resolutionsFor(files, "t.ocstopo", "unresolved-reference");
		assertEquals(List.of("Change to 'fe2.contoso.com'"), resolutions.stream().map(DiagnosticResolution::getLabel).toList());
		assertTrue(applyFirst(files, "t.ocstopo", resolutions).contains("front ends fe1.contoso.com, fe2.contoso.com\n"));
	}

	/** The missing VIP ports go onto the existing 'ports tcp' line: one list of TCP ports, not two. */
	@Test
	void missingVipPortsExtendTheTcpPortLine() throws Exception {
		Map<String, String> files = failingExample("vip-ports-missing");
		List<DiagnosticResolution> resolutions = resolutionsFor(files, "t.ocstopo", "vip-ports-missing");
		assertEquals(List.of("Add 135, 444 to the TCP ports of virtual server pool01-vip"),
				resolutions.stream().map(DiagnosticResolution::getLabel).toList());
		String fixed = applyFirst(files, "t.ocstopo", resolutions);
		assertTrue(fixed.contains("            ports tcp 5061, 443, 135, 444\n"), fixed);
		assertEquals(1, fixed.split("ports tcp", -1).length - 1, fixed);
	}

	/** Which gateway to keep is the user's call: removing each one is offered, the one under the finding first. */
	@Test
	void severalGatewaysOfferRemovingEachOne() throws Exception {
		Map<String, String> files = Map.of("t.ocstopo", """
				subnet lan 10.0.1.0/24
				server fe1.contoso.com {
				    interface 10.0.1.11 on lan
				    default gateway 10.0.1.1
				    default gateway 10.0.1.2
				}
				""");
		List<DiagnosticResolution> resolutions = resolutionsFor(files, "t.ocstopo", "gateway-multiple");
		assertEquals(List.of("Remove default gateway 10.0.1.2", "Remove default gateway 10.0.1.1"),
				resolutions.stream().map(DiagnosticResolution::getLabel).toList());
		String keptSecond = apply(files, resolutions.get(1).apply()).get("t.ocstopo");
		assertTrue(keptSecond.contains("default gateway 10.0.1.2") && !keptSecond.contains("10.0.1.1\n"), keptSecond);
	}

	@Test
	void deletionsTakeOnlyWhatTheyRemove() throws Exception {
		Map<String, String> oneLine = Map.of("t.ocstopo", "subnet lan 10.0.1.0/24\n"
				+ "server fe1.contoso.com { interface 10.0.1.11 on lan default gateway 10.0.1.1 default gateway 10.0.1.2 }\n");
		assertEquals("subnet lan 10.0.1.0/24\nserver fe1.contoso.com { interface 10.0.1.11 on lan default gateway 10.0.1.1 }\n",
				applyFirst(oneLine, "t.ocstopo", resolutionsFor(oneLine, "t.ocstopo", "gateway-multiple")));
		Map<String, String> trailing = Map.of("t.ocstopo", "subnet lan 10.0.1.0/24\nserver fe1.contoso.com {\n"
				+ "    interface 10.0.1.11 on lan // ocstopo-ignore gateway-multiple only one gateway anyway\n"
				+ "    default gateway 10.0.1.1\n}\n");
		List<DiagnosticResolution> unused = resolutionsFor(trailing, "t.ocstopo", "suppression-unused");
		assertEquals("subnet lan 10.0.1.0/24\nserver fe1.contoso.com {\n    interface 10.0.1.11 on lan\n"
				+ "    default gateway 10.0.1.1\n}\n", applyFirst(trailing, "t.ocstopo", unused));
	}

	@Test
	void aHostsEntryThatMisleadsIsPointedNotDoubled() throws Exception {
		Path broken = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer/broken");
		Map<String, String> files = new TreeMap<>();
		files.put("hq.ocstopo", Files.readString(broken.resolve("hq.ocstopo")).replace(
				"        default gateway 198.51.100.1\n", "        default gateway 198.51.100.1\n        hosts fe2.contoso.com -> 198.51.100.140\n"));
		files.put("topology.ocstopo", Files.readString(broken.resolve("topology.ocstopo")));
		List<String> labels = resolutionsFor(files, "hq.ocstopo", "pool-traffic-hairpin").stream()
				.map(DiagnosticResolution::getLabel).sorted().toList();
		assertEquals(List.of("Keep the source address on forwarding virtual server routed (source translation none)",
				"Point the hosts entry of fe2.contoso.com at 192.0.2.12"), labels);
	}
}
