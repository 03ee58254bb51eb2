package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.eclipse.emf.common.util.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.eclipse.xtext.util.Modules2;
import org.eclipse.xtext.util.TextRegion;
import org.junit.jupiter.api.Test;
import org.ocs.topology.TopologyRuntimeModule;
import org.ocs.topology.ide.TopologyIdeModule;
import org.ocs.topology.ide.TopologyIdeSetup;
import org.ocs.topology.ide.contentassist.RememberingContextFactory;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;

/**
 * Completion with the grammar's answers remembered ({@link RememberingContextFactory}) finds
 * the same contexts as Xtext's own context factory (the model object each proposal is for, the
 * prefix, what may follow), at every kind of place of every example and rule page, whole, cut off,
 * misspelt and with a stray brace, the answers carried from each completion to the next.
 */
class CompletionContextTest {

	private static final Injector REMEMBERING = new TopologyIdeSetup().createInjectorAndDoEMFRegistration();

	/** The same language with Xtext's context factory, which asks the grammar each time. */
	private static final Injector XTEXT = Guice.createInjector(Modules.override(
			Modules2.mixin(new TopologyRuntimeModule(), new TopologyIdeModule()))
			.with(binder -> binder.bind(ContentAssistContextFactory.class)));

	private static XtextResource load(Injector injector, String text) throws IOException {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		// The injector's own resource: the registry's is the first injector's, with its own grammar.
		XtextResource resource = injector.getInstance(XtextResource.class);
		resource.setURI(URI.createFileURI("/completion/topology.ocstopo"));
		resourceSet.getResources().add(resource);
		resource.load(new LazyStringInputStream(text), resourceSet.getLoadOptions());
		return resource;
	}

	private static final ExecutorService POOL = Executors.newCachedThreadPool();

	@org.junit.jupiter.api.AfterAll
	static void stop() {
		POOL.shutdownNow();
	}

	/**
	 * The contexts completion proposes in, as text: for each, the model object it is in (what the
	 * remembered answers decide), the one before, the prefix, and the grammar elements that may follow.
	 */
	private static List<String> contexts(Injector injector, XtextResource resource, int offset) {
		ContentAssistContextFactory factory = injector.getInstance(ContentAssistContextFactory.class);
		factory.setPool(POOL);
		String text = resource.getParseResult().getRootNode().getText();
		List<String> contexts = new ArrayList<>();
		for (ContentAssistContext context : factory.create(text, new TextRegion(offset, 0), offset, resource)) {
			contexts.add(where(context.getCurrentModel()) + " after " + where(context.getPreviousModel()) + " '"
					+ context.getPrefix() + "' " + context.getFirstSetGrammarElements().stream()
							.map(element -> EcoreUtil.getURI(element).fragment()).toList());
		}
		// Xtext computes the contexts on several threads: their order is not part of the answer.
		Collections.sort(contexts);
		return contexts;
	}

	private static String where(EObject object) {
		return object == null ? "nothing" : object.eClass().getName() + " " + EcoreUtil.getURI(object).fragment();
	}

	/** Where a user asks: a line's start and indentation, a word's start and end, inside a word, the end. */
	private static List<Integer> places(String text, Random random) {
		List<Integer> places = new ArrayList<>();
		for (int i = 0; i <= text.length(); i++) {
			char before = i == 0 ? '\n' : text.charAt(i - 1);
			boolean wordStart = i < text.length() && !Character.isWhitespace(text.charAt(i)) && Character.isWhitespace(before);
			boolean wordEnd = i < text.length() && Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(before);
			if (before == '\n' || wordStart || wordEnd || i == text.length() || random.nextInt(40) == 0) {
				places.add(i);
			}
		}
		return places;
	}

	private static final String[] MISPLACED = { "server", "ports", "automap", "none", "cookie", "lync2010", "members",
			"via", "on", "global", "A", "SRV", "->" };

	/** The seed as typed with mistakes: cut off, a keyword misspelt, a stray brace, a keyword out of place. */
	private static List<String> variants(String seed, Random random) {
		List<String> variants = new ArrayList<>(List.of(seed, seed.substring(0, seed.length() / 2)));
		variants.add(seed.replaceFirst("\\bserver\\b", "servr").replaceFirst("\\bsubnet\\b", "subnt"));
		int at = random.nextInt(seed.length() + 1);
		variants.add(seed.substring(0, at) + "{ " + seed.substring(at));
		// Where the parser could not place a keyword, its node has no grammar element and Xtext
		// compares the keyword's text with the grammar's keywords instead.
		int line = seed.indexOf('\n', random.nextInt(seed.length() + 1));
		line = line < 0 ? seed.length() : line + 1;
		variants.add(seed.substring(0, line) + MISPLACED[random.nextInt(MISPLACED.length)] + " " + seed.substring(line));
		return variants;
	}

	private static final int PER_TEXT = 4;

	@Test
	void rememberedGrammarAnswersProposeWhatXtextProposes() throws IOException {
		// Two factories, or the test compares one with itself.
		assertEquals(ContentAssistContextFactory.class, XTEXT.getInstance(ContentAssistContextFactory.class).getClass());
		assertEquals(RememberingContextFactory.class, REMEMBERING.getInstance(ContentAssistContextFactory.class).getClass());
		Random random = new Random(11);
		int compared = 0;
		int nonEmpty = 0;
		for (String seed : FuzzInputs.seedTexts()) {
			for (String text : variants(seed, random)) {
				XtextResource xtext = load(XTEXT, text);
				XtextResource remembering = load(REMEMBERING, text);
				List<Integer> places = places(text, random);
				// A sample of each text's places: the test's time stays small.
				for (int i = random.nextInt(PER_TEXT); i < places.size(); i += 1 + places.size() / PER_TEXT) {
					int offset = places.get(i);
					List<String> expected = contexts(XTEXT, xtext, offset);
					assertEquals(expected, contexts(REMEMBERING, remembering, offset),
							() -> "completion contexts at offset " + offset + " of:\n" + text);
					compared++;
					nonEmpty += expected.isEmpty() ? 0 : 1;
				}
			}
		}
		assertTrue(compared > 1000, compared + " places compared");
		assertTrue(nonEmpty > compared / 2, nonEmpty + " of " + compared + " places had completion contexts");
		assertTrue(REMEMBERING.getInstance(RememberingContextFactory.Answers.class).size() > 0, "nothing remembered");
	}
}
