package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.ide.TopologyIdeSetup;
import org.ocs.topology.rules.language.RepeatableSettings;
import org.ocs.topology.rules.language.SettingRepeated;
import org.ocs.topology.topology.StrayText;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.inject.Injector;

/**
 * Issue 11, item 5: what the fuzz tests ({@link ParseFuzzTest}, {@link FormatFuzzTest},
 * {@link QuickFixFuzzTest}) share. Each input is a seed (every example and every example of every
 * rule page) changed by the fuzzer: text inserted, cut, repeated, keywords and braces dropped in.
 *
 * <p>The build runs each fuzz test twice: its saved inputs (regression mode, with the other tests),
 * then a short fuzzing run of its own ({@code ocstopo.fuzz.duration}, 10 s; a long one:
 * {@code ./mvnw -B verify -pl org.ocs.topology.tests -am -Docstopo.fuzz.duration=40m}).
 */
final class FuzzInputs {

	private FuzzInputs() {
	}

	static final Injector INJECTOR = new TopologyIdeSetup().createInjectorAndDoEMFRegistration();

	private static final List<String> SEEDS = seeds();

	/** Words the fuzzer drops in: every keyword's neighbours in the language, braces, line breaks. */
	private static final String[] WORDS = { "{", "}", "\n", "\r\n", " ", "//", "/*", "*/", "server", "site", "subnet",
			"interface", "on", "default gateway", "route", "via", "load balancer", "virtual server", "forwarding", "ports tcp",
			"5061", ",", "->", "10.0.1.10", "10.0.1.0/24", "/33", "999999999999", "enterprise pool", "front ends",
			"group chat pool", "lookup account", "sip:a@b.c", "homed on", "registrar", "global", "max endpoints per user",
			"dns", "A", "SRV", "source translation", "automap", "snat", "none", "members", "topology", "product", "lync2010",
			"hosts", "windows", "host model", "\uFEFF", "\u0000", "é", "ocstopo-ignore" };

	private static List<String> seeds() {
		List<String> seeds = new ArrayList<>();
		Path root = TopologyTestSupport.repositoryRoot();
		try (Stream<Path> files = Files.walk(root.resolve("examples"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".ocstopo")).sorted().toList()) {
				seeds.add(Files.readString(file));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		try (Stream<Path> pages = Files.list(root.resolve("docs/rules"))) {
			for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
				String text = Files.readString(page);
				seeds.addAll(TopologyTestSupport.examples(text, "Failing"));
				seeds.addAll(TopologyTestSupport.examples(text, "Passing"));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertFalse(seeds.isEmpty(), "no seeds");
		return seeds;
	}

	/** Every example file and every rule page's examples. */
	static List<String> seedTexts() {
		return SEEDS;
	}

	/** A seed changed as the fuzzer's data says. */
	static String mutated(FuzzedDataProvider data) {
		return mutated(data, SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)), 6);
	}

	/** {@code seed} with up to {@code most} changes, as the fuzzer's data says. */
	static String mutated(FuzzedDataProvider data, String seed, int most) {
		StringBuilder text = new StringBuilder(seed);
		int changes = data.consumeInt(0, most);
		for (int i = 0; i < changes && data.remainingBytes() > 0; i++) {
			int at = data.consumeInt(0, text.length());
			switch (data.consumeInt(0, 3)) {
			case 0 -> text.insert(at, WORDS[data.consumeInt(0, WORDS.length - 1)]);
			case 1 -> text.delete(at, Math.min(text.length(), at + data.consumeInt(1, 40)));
			case 2 -> {
				int end = Math.min(text.length(), at + data.consumeInt(1, 80));
				text.insert(data.consumeInt(0, text.length()), text.substring(at, end));
			}
			default -> text.insert(at, data.consumeString(16));
			}
		}
		return text.toString();
	}

	private static int files;

	/** The text as the one file of a folder of its own, parsed. */
	static XtextResource parse(String text) throws IOException {
		XtextResourceSet resourceSet = INJECTOR.getInstance(XtextResourceSet.class);
		URI uri = URI.createFileURI("/fuzz/folder" + (++files) + "/fuzzed.ocstopo");
		XtextResource resource = (XtextResource) resourceSet.createResource(uri);
		resource.load(new LazyStringInputStream(text), resourceSet.getLoadOptions());
		return resource;
	}

	static List<Issue> validate(XtextResource resource) {
		List<Issue> issues = INJECTOR.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL,
				CancelIndicator.NullImpl);
		for (Issue issue : issues) {
			// Fail closed turns an exception inside a check into this finding: for the fuzzer, a crash.
			assertFalse("internal-error".equals(issue.getCode()), () -> "a check failed: " + issue.getMessage());
		}
		return issues;
	}

	/**
	 * setting-repeated reads the text only of objects whose class the grammar lets repeat a setting
	 * ({@link RepeatableSettings}): every object that does write one twice must be of such a class,
	 * or the rule would miss it.
	 */
	static void assertRepeatsOnlyWhereTheGrammarAllows(XtextResource resource) {
		resource.getAllContents().forEachRemaining(object -> {
			ICompositeNode node = NodeModelUtils.findActualNodeFor(object);
			if (node == null || node.getGrammarElement() == null) {
				return;
			}
			Map<String, Integer> written = SettingRepeated.timesWritten(object);
			for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
				if (!feature.isMany() && written.getOrDefault(feature.getName(), 0) > 1) {
					assertTrue(RepeatableSettings.mayRepeat(object.eClass(), node.getGrammarElement()),
							() -> object.eClass().getName() + " writes " + feature.getName() + " " + written.get(feature.getName())
									+ " times in \"" + node.getText() + "\", and the grammar analysis says it cannot");
				}
			}
		});
	}

	/**
	 * Two more states of the file's folder, each validated: a file added beside it, then taken away.
	 * From a folder's second state on, what each pool's traffic traces looked up is written down
	 * ({@code PoolTraffic.Memo}), so that the next validation (after an edit) reuses the pools the
	 * edit left alone: it must still find what a fresh parse finds.
	 */
	static void writeDownPoolTraffic(XtextResource resource) throws IOException {
		ResourceSet resourceSet = resource.getResourceSet();
		Resource sibling = resourceSet.createResource(resource.getURI().trimSegments(1).appendSegment("sibling.ocstopo"));
		sibling.load(new LazyStringInputStream("site memo-sibling {\n}\n"), resourceSet.getLoadOptions());
		validate(resource);
		sibling.unload();
		resourceSet.getResources().remove(sibling);
		validate(resource);
	}

	static boolean parsesClean(XtextResource resource) {
		if (resource.getParseResult().hasSyntaxErrors()) {
			return false;
		}
		// A text of white space and comments only has no model.
		return resource.getContents().isEmpty()
				|| EcoreUtil2.getAllContentsOfType(resource.getContents().get(0), StrayText.class).isEmpty();
	}

	static List<String> comments(XtextResource resource) {
		List<String> comments = new ArrayList<>();
		for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
			String text = leaf.getText().strip();
			if (leaf.isHidden() && (text.startsWith("//") || text.startsWith("/*"))) {
				comments.add(text);
			}
		}
		return comments;
	}

}
