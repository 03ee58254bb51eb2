package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.junit.jupiter.api.Test;
import org.ocs.topology.analysis.routing.PoolTraffic;
import org.ocs.topology.resource.TopologyResource;
import org.ocs.topology.validation.FolderAnalysis;

/**
 * The language server parses an editor's change again only where it falls
 * ({@link TopologyResource#updateInPlace}). Each edit an editor sends, on every example file and
 * rule page example, must leave the file exactly as parsing its whole new text does: node model,
 * objects and findings ({@link InPlaceUpdate}).
 */
class InPlaceUpdateTest {

	private static final Pattern ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*\\d");

	@Test
	void editsAsEditorsSendThemGiveWhatAFullParseGives() throws IOException {
		List<String> seeds = FuzzInputs.seedTexts();
		java.util.Map<InPlaceUpdate.Outcome, Integer> outcomes = new java.util.EnumMap<>(InPlaceUpdate.Outcome.class);
		List<String> commentNotInPart = new ArrayList<>();
		for (int s = 0; s < seeds.size(); s++) {
			String seed = seeds.get(s);
			if (!FuzzInputs.parsesClean(FuzzInputs.parse(seed))) {
				continue;
			}
			// A comment line typed at the end, and taken away again.
			String commented = seed + (seed.endsWith("\n") ? "" : "\n") + "// checked with the vendor\n";
			InPlaceUpdate.Outcome comment = InPlaceUpdate.update(seed, commented);
			if (comment == InPlaceUpdate.Outcome.DECLINED) {
				commentNotInPart.add(seed);
			}
			outcomes.merge(comment, 1, Integer::sum);
			outcomes.merge(InPlaceUpdate.update(commented, seed), 1, Integer::sum);
			Random random = new Random(s);
			for (int i = 0; i < 12; i++) {
				outcomes.merge(InPlaceUpdate.update(seed, edit(seed, random)), 1, Integer::sum);
			}
		}
		assertEquals(List.of(), commentNotInPart, "files whose comment line was declined");
		System.out.println("in-place update, edits of the examples, each equal to a full parse: " + outcomes);
		int part = outcomes.getOrDefault(InPlaceUpdate.Outcome.PART, 0);
		int all = outcomes.values().stream().mapToInt(Integer::intValue).sum();
		assertTrue(part > all / 3, part + " of " + all + " edits parsed in part");
	}

	/**
	 * The language server parses a large file's new text before its build: the file takes that
	 * parse whole, and the result is what parsing the text afresh gives, for the same edits.
	 */
	@Test
	void editsParsedAheadGiveWhatAFullParseGives() throws IOException {
		int taken = 0;
		List<String> seeds = FuzzInputs.seedTexts();
		for (int s = 0; s < seeds.size(); s++) {
			String seed = seeds.get(s);
			if (!FuzzInputs.parsesClean(FuzzInputs.parse(seed))) {
				continue;
			}
			String commented = seed + (seed.endsWith("\n") ? "" : "\n") + "// checked with the vendor\n";
			assertEquals(InPlaceUpdate.Outcome.WHOLE, InPlaceUpdate.updateParsedAhead(seed, commented));
			assertEquals(InPlaceUpdate.Outcome.WHOLE, InPlaceUpdate.updateParsedAhead(commented, seed));
			Random random = new Random(s);
			for (int i = 0; i < 6; i++) {
				String edited = edit(seed, random);
				InPlaceUpdate.Outcome outcome = InPlaceUpdate.updateParsedAhead(seed, edited);
				assertEquals(seed.equals(edited) ? InPlaceUpdate.Outcome.PART : InPlaceUpdate.Outcome.WHOLE, outcome,
						() -> "edit taken from the parse made ahead:\n" + edited);
			}
			taken += 8;
		}
		assertTrue(taken > 100, taken + " edits parsed ahead");
	}

	/** A parse made of another text is not taken: the file is parsed as always, and that parse waits. */
	@Test
	void aParseOfAnotherTextIsNotTaken() throws IOException {
		XtextResource resource = FuzzInputs.parse(TWO_SUBNETS);
		org.ocs.topology.resource.PreparedParses prepared = resource.getResourceServiceProvider()
				.get(org.ocs.topology.resource.PreparedParses.class);
		String other = TWO_SUBNETS.replace("192.0.2.0/25", "192.0.2.0/26");
		org.ocs.topology.resource.PreparedParses.Prepared made = prepared.prepare(resource.getURI(), other);
		org.eclipse.xtext.parser.IParseResult ahead = made.result();
		prepared.put(resource.getURI(), made);
		try {
			String edited = TWO_SUBNETS.replace("192.0.2.128/25", "192.0.2.128/26");
			assertTrue(((TopologyResource) resource).updateInPlace(edited));
			assertEquals(edited, resource.getParseResult().getRootNode().getText());
			assertTrue(resource.getContents().get(0) != ahead.getRootASTElement(), "the parse of another text was taken");
			assertTrue(prepared.holds(resource.getURI()), "the parse of another text was given out");
			// Loaded afresh with that other text (the build's path when other files refer to it): taken.
			resource.unload();
			resource.load(new org.eclipse.xtext.util.LazyStringInputStream(other), null);
			assertSame(ahead.getRootASTElement(), resource.getContents().get(0));
			assertEquals(List.of(), resource.getErrors());
			assertTrue(!prepared.holds(resource.getURI()), "a parse is given out once");
		} finally {
			prepared.forget(resource.getURI());
		}
	}

	/**
	 * A file that refers into another, brought to a new text from a parse made ahead: what the index
	 * records of its references (source, container, target) is what a full load of the text gives.
	 * (Xtext records only references into other files, so this needs two.)
	 */
	@Test
	void referencesOfAFileParsedAheadAreIndexedAsAfterAFullLoad() throws IOException {
		String subnets = "site Redmond {\n    subnet servers 192.0.2.0/24\n    subnet clients 192.0.3.0/24\n}\n";
		String servers = "site Redmond {\n    server fe1.contoso.com {\n        interface 192.0.2.11 on servers\n"
				+ "        default gateway 192.0.2.1\n    }\n}\n";
		String edited = servers.replace("192.0.2.11 on servers", "192.0.3.11 on clients").replace("fe1", "fe2");
		XtextResource ahead = loadBeside(subnets, servers, "ahead");
		org.ocs.topology.resource.PreparedParses prepared = ahead.getResourceServiceProvider()
				.get(org.ocs.topology.resource.PreparedParses.class);
		prepared.put(ahead.getURI(), prepared.prepare(ahead.getURI(), edited));
		assertTrue(((TopologyResource) ahead).updateInPlace(edited));
		assertTrue(!prepared.holds(ahead.getURI()), "the parse made ahead was taken");
		// The link to the other file was left to the build, whose resolution must find it.
		assertEquals(1, lazyLinks(ahead), "the link to the other file, left to the build");
		((TopologyResource) ahead).resolveLazyCrossReferences(org.eclipse.xtext.util.CancelIndicator.NullImpl);
		assertEquals(0, lazyLinks(ahead), "resolved by the build's resolution");
		XtextResource loaded = loadBeside(subnets, edited, "loaded");
		FuzzInputs.validate(ahead);
		FuzzInputs.validate(loaded);
		List<String> references = InPlaceUpdate.references(loaded);
		assertTrue(!references.isEmpty() && references.stream().allMatch(r -> r.contains(" in //")), "each reference with its container: " + references);
		assertEquals(references, InPlaceUpdate.references(ahead));
	}

	/** The second file of a folder whose first file holds {@code subnets}, both loaded. */
	private static XtextResource loadBeside(String subnets, String servers, String folder) throws IOException {
		org.eclipse.xtext.resource.XtextResourceSet set = FuzzInputs.INJECTOR.getInstance(org.eclipse.xtext.resource.XtextResourceSet.class);
		for (String[] file : new String[][] { { "subnets", subnets }, { "servers", servers } }) {
			set.createResource(org.eclipse.emf.common.util.URI.createFileURI("/references/" + folder + "/" + file[0] + ".ocstopo"))
					.load(new org.eclipse.xtext.util.LazyStringInputStream(file[1]), set.getLoadOptions());
		}
		return (XtextResource) set.getResources().get(1);
	}

	/** One edit of the kinds editors send: a digit of an address, a renamed name, a line, a character. */
	static String edit(String text, Random random) {
		StringBuilder edited = new StringBuilder(text);
		switch (random.nextInt(6)) {
		case 0 -> {
			List<Integer> digits = matches(ADDRESS, text);
			if (!digits.isEmpty()) {
				int at = digits.get(random.nextInt(digits.size()));
				edited.setCharAt(at, (char) ('0' + (text.charAt(at) - '0' + 1 + random.nextInt(8)) % 10));
			}
		}
		case 1 -> {
			List<Integer> names = matches(NAME, text);
			if (!names.isEmpty()) {
				edited.insert(names.get(random.nextInt(names.size())) + 1, "x");
			}
		}
		case 2 -> {
			int start = lineStart(text, random.nextInt(text.length() + 1));
			int end = text.indexOf('\n', start);
			edited.delete(start, end < 0 ? text.length() : end + 1);
		}
		case 3 -> {
			int start = lineStart(text, random.nextInt(text.length() + 1));
			int end = text.indexOf('\n', start);
			edited.insert(start, end < 0 ? text.substring(start) + "\n" : text.substring(start, end + 1));
		}
		case 4 -> edited.insert(random.nextInt(text.length() + 1), " x{}1.\n".charAt(random.nextInt(7)));
		default -> {
			if (!text.isEmpty()) {
				edited.deleteCharAt(random.nextInt(text.length()));
			}
		}
		}
		return edited.toString();
	}

	/** The offset of a character inside each match (the last one: a digit of an address, a name's end). */
	private static List<Integer> matches(Pattern pattern, String text) {
		List<Integer> offsets = new ArrayList<>();
		for (Matcher matcher = pattern.matcher(text); matcher.find();) {
			offsets.add(matcher.end() - 1);
		}
		return offsets;
	}

	private static int lineStart(String text, int offset) {
		return offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
	}

	private static final String TWO_SUBNETS = "site Redmond {\n    subnet servers 192.0.2.0/25\n    subnet clients 192.0.2.128/25\n}\n";

	/** Xtext keeps a part parsed again only when it has no syntax errors; else it parses the whole text. */
	/**
	 * A file's links to its own declarations are resolved when its text is parsed ahead, to the
	 * objects of the model made ahead; after the install they lead where a full load's lead, and the
	 * file looks up the names a full load looks up (the helper compares both, after a rename).
	 */
	@Test
	void linksWithinAFileParsedAheadLeadWhereAFullLoadLeads() throws IOException {
		String before = "site Redmond {\n    subnet servers 192.0.2.0/24\n    server fe1.contoso.com {\n"
				+ "        interface 192.0.2.11 on servers\n    }\n    enterprise pool pool.contoso.com {\n"
				+ "        front ends fe1.contoso.com\n    }\n}\n";
		String after = before.replace("servers", "backend").replace("fe1.contoso.com", "fe9.contoso.com");
		assertEquals(InPlaceUpdate.Outcome.WHOLE, InPlaceUpdate.updateParsedAhead(before, after));
		XtextResource resource = FuzzInputs.parse(before);
		org.ocs.topology.resource.PreparedParses prepared = resource.getResourceServiceProvider()
				.get(org.ocs.topology.resource.PreparedParses.class);
		org.ocs.topology.resource.PreparedParses.Prepared made = prepared.prepare(resource.getURI(), after);
		// Resolved ahead, to objects of the model made ahead: the interface's subnet and the pool's Front End.
		List<String> resolved = new java.util.ArrayList<>();
		for (java.util.Iterator<org.eclipse.emf.ecore.EObject> all = made.result().getRootASTElement().eAllContents(); all.hasNext();) {
			org.eclipse.emf.ecore.EObject object = all.next();
			for (org.eclipse.emf.ecore.EObject target : object.eCrossReferences()) {
				if (!target.eIsProxy()) {
					resolved.add(object.eClass().getName() + " -> " + target.eClass().getName());
				}
			}
		}
		assertEquals(List.of("NetworkInterface -> Subnet", "EnterprisePool -> Server"), resolved);
	}

	/** The links of the file not yet resolved (Xtext's lazy "|n" proxies), read without resolving any. */
	private static int lazyLinks(XtextResource resource) {
		int lazy = 0;
		for (java.util.Iterator<org.eclipse.emf.ecore.EObject> all = resource.getAllContents(); all.hasNext();) {
			org.eclipse.emf.ecore.EObject object = all.next();
			for (org.eclipse.emf.ecore.EReference reference : object.eClass().getEAllReferences()) {
				if (reference.isContainment() || reference.isContainer()) {
					continue;
				}
				Object value = object.eGet(reference, false);
				for (Object target : value instanceof List<?> list ? ((org.eclipse.emf.ecore.util.InternalEList<?>) list).basicList()
						: java.util.Collections.singletonList(value)) {
					if (target instanceof org.eclipse.emf.ecore.InternalEObject proxy && proxy.eIsProxy()
							&& proxy.eProxyURI().trimFragment().equals(resource.getURI())) {
						lazy++;
					}
				}
			}
		}
		return lazy;
	}

	@Test
	void anEditThatBreaksTheSyntaxIsParsedWhole() throws IOException {
		String edited = TWO_SUBNETS.replace("192.0.2.0/25", "192.0.2.0/");
		assertTrue(FuzzInputs.parse(edited).getParseResult().hasSyntaxErrors());
		assertEquals(InPlaceUpdate.Outcome.WHOLE, InPlaceUpdate.update(TWO_SUBNETS, edited));
	}

	@Test
	void anEditInsideADeclarationIsParsedInPart() throws IOException {
		String edited = TWO_SUBNETS.replace("192.0.2.0/25", "192.0.2.0/26");
		assertEquals(InPlaceUpdate.Outcome.PART, InPlaceUpdate.update(TWO_SUBNETS, edited));
		XtextResource resource = FuzzInputs.parse(TWO_SUBNETS);
		org.eclipse.emf.ecore.EObject site = resource.getContents().get(0).eContents().get(0);
		assertTrue(((TopologyResource) resource).updateInPlace(edited));
		assertTrue(site == resource.getContents().get(0).eContents().get(0), "the site kept");
	}

	@Test
	void aFileWithSyntaxErrorsIsLeftToAFullParse() throws IOException {
		String text = "site Redmond {\n    subnet servers 192.0.2.0/25\n";
		XtextResource resource = FuzzInputs.parse(text);
		assertTrue(resource.getParseResult().hasSyntaxErrors());
		assertFalse(((TopologyResource) resource).updateInPlace(text + "}\n"));
	}

	@Test
	void theSameTextIsNoChange() throws IOException {
		String text = "site Redmond {\n    subnet servers 192.0.2.0/25\n}\n";
		XtextResource resource = FuzzInputs.parse(text);
		long generation = ((TopologyResource) resource).generation();
		assertTrue(((TopologyResource) resource).updateInPlace(text));
		assertEquals(generation, ((TopologyResource) resource).generation());
	}

	/**
	 * The field report's fourth remedy (no source translation on the balancer's forwarding virtual
	 * server) typed into a one-file topology: the same model object, parsed again in part; the
	 * folder's analysis must not answer from its cache.
	 */
	@Test
	void theRemedyTypedIntoAOneFileTopologyIsSeenByTheFolderAnalysis() throws IOException {
		java.nio.file.Path examples = TopologyTestSupport.repositoryRoot().resolve("examples/rgs-loadbalancer");
		String broken = java.nio.file.Files.readString(examples.resolve("broken/topology.ocstopo"))
				+ java.nio.file.Files.readString(examples.resolve("broken/hq.ocstopo"));
		String fixed = broken.replace("routed 0.0.0.0/0 {\n            source translation automap",
				"routed 0.0.0.0/0 {\n            source translation none");
		assertFalse(fixed.equals(broken));
		XtextResource resource = FuzzInputs.parse(broken);
		assertEquals(2, FuzzInputs.validate(resource).stream().filter(i -> "pool-traffic-hairpin".equals(i.getCode())).count());
		org.eclipse.emf.ecore.EObject model = resource.getContents().get(0);
		assertTrue(((TopologyResource) resource).updateInPlace(fixed), "parsed in part");
		assertTrue(model == resource.getContents().get(0), "the same model");
		assertEquals(List.of(), FuzzInputs.validate(resource).stream().filter(i -> i.getCode().startsWith("pool-traffic")).toList());
		assertTrue(InPlaceUpdate.updatedEqualsParsed(broken, fixed));
	}

	/**
	 * Editing one Front End's address in a folder of two sites: the other site's pool, whose traffic
	 * never reached that server, is taken from the folder's previous state and the edited site's is
	 * traced again ({@code PoolTraffic.Memo}); every file's findings are those of the edited folder
	 * parsed afresh.
	 */
	@Test
	void anEditOfOneServerTracesAgainOnlyThePoolsWhoseTrafficReachedIt() throws IOException {
		Map<String, String> texts = new TreeMap<>();
		try (Stream<Path> files = Files
				.list(TopologyTestSupport.repositoryRoot().resolve("examples/multisite"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".ocstopo")).toList()) {
				texts.put(file.getFileName().toString(), Files.readString(file));
			}
		}
		String edited = texts.get("dublin.ocstopo").replace("interface 198.51.100.12 on", "interface 198.51.100.15 on");
		assertNotEquals(texts.get("dublin.ocstopo"), edited);
		Map<String, XtextResource> folder = load("/memo/edited/", texts);
		folder.values().forEach(FuzzInputs::validate);
		XtextResource dublin = folder.get("dublin.ocstopo");
		FuzzInputs.writeDownPoolTraffic(dublin);
		assertTrue(((TopologyResource) dublin).updateInPlace(edited));
		Map<String, List<String>> found = new TreeMap<>();
		folder.forEach((name, resource) -> found.put(name, InPlaceUpdate.findings(FuzzInputs.validate(resource))));
		PoolTraffic.Memo memo = FolderAnalysis.poolTraffic(dublin);
		assertEquals(1, memo.reused(), "Seattle's pool");
		assertEquals(1, memo.traced(), "Dublin's pool");

		texts.put("dublin.ocstopo", edited);
		Map<String, List<String>> fresh = new TreeMap<>();
		load("/memo/fresh/", texts).forEach((name, resource) -> fresh.put(name, InPlaceUpdate.findings(FuzzInputs.validate(resource))));
		assertEquals(fresh.toString().replace("/memo/fresh/", "/memo/edited/"), found.toString());
		assertNotEquals(List.of(), found.get("dublin.ocstopo"), "the edit has findings: " + found);
	}

	/** The files of a folder, loaded into one resource set. */
	private static Map<String, XtextResource> load(String folder, Map<String, String> texts) throws IOException {
		XtextResourceSet resourceSet = FuzzInputs.INJECTOR
				.getInstance(XtextResourceSet.class);
		Map<String, XtextResource> resources = new TreeMap<>();
		for (Map.Entry<String, String> text : texts.entrySet()) {
			XtextResource resource = (XtextResource) resourceSet
					.createResource(URI.createFileURI(folder + text.getKey()));
			resource.load(new LazyStringInputStream(text.getValue()), resourceSet.getLoadOptions());
			resources.put(text.getKey(), resource);
		}
		return resources;
	}
}
