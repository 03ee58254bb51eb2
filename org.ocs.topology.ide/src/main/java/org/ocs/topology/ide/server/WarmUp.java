package org.ocs.topology.ide.server;

import java.util.List;

import org.apache.log4j.Logger;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.ocs.topology.resource.TopologyResource;

/**
 * Completion and hover, a few times, on a text of the server's own, while the server starts. The
 * first completion a user asked for cost 200 to 250 ms more than the next ones: the content-assist
 * parser's tables, and its walk of the grammar, slow until the JIT compiles it. Touches no
 * workspace file and no request: its own resource set, its own thread (about 1 s of CPU).
 */
final class WarmUp implements Runnable {

	private static final Logger LOG = Logger.getLogger(WarmUp.class);

	private static final String TEXT = """
			site hq {
			    subnet lan 10.0.1.0/24
			    server fe1.hq.test {
			        interface 10.0.1.11 on lan
			    }
			    enterprise pool pool.hq.test {
			        front ends fe1.hq.test
			    }
			}
			""";

	/** Where users complete most: a declaration's start in a site, after "on", among the Front Ends. */
	private static final List<Position> WHERE = List.of(new Position(5, 4), new Position(3, 34), new Position(6, 19));

	/** JIT compilers need a method to run many times: the content-assist grammar walk is deep and slow when cold. */
	private static final int ROUNDS = 4;

	private final IResourceServiceProvider.Registry languages;

	/** Whether the server has had no request for a while ({@link #QUIET}). */
	private final java.util.function.BooleanSupplier quiet;

	/** How long the server must have been without a request before an edit of the warm-up runs. */
	static final long QUIET = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

	WarmUp(IResourceServiceProvider.Registry languages, java.util.function.BooleanSupplier quiet) {
		this.languages = languages;
		this.quiet = quiet;
	}

	/** Starts it on a thread of its own, below the requests' priority. */
	static void start(IResourceServiceProvider.Registry languages, java.util.function.BooleanSupplier quiet) {
		inBackground("ocstopo-warm-up", new WarmUp(languages, quiet));
	}

	/** Runs a warm-up on a daemon thread of its own, below the requests' priority. */
	static void inBackground(String name, Runnable warmUp) {
		Thread thread = new Thread(warmUp, name);
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	@Override
	public void run() {
		long start = System.nanoTime();
		try {
			URI uri = URI.createURI("synthetic:/ocstopo-warm-up.ocstopo");
			IResourceServiceProvider language = languages.getResourceServiceProvider(uri);
			if (language == null) {
				return;
			}
			XtextResourceSet resourceSet = language.get(XtextResourceSet.class);
			XtextResource resource = (XtextResource) resourceSet.createResource(uri);
			resource.load(new LazyStringInputStream(TEXT), null);
			Document document = new Document(1, TEXT);
			TextDocumentIdentifier id = new TextDocumentIdentifier(uri.toString());
			ContentAssistService completion = language.get(ContentAssistService.class);
			IHoverService hover = language.get(IHoverService.class);
			for (int round = 0; round < ROUNDS; round++) {
				for (Position where : WHERE) {
					completion.createCompletionList(document, resource, new CompletionParams(id, where), CancelIndicator.NullImpl);
					hover.hover(document, resource, new HoverParams(id, where), CancelIndicator.NullImpl);
				}
			}
			LOG.info(String.format("completion and hover warmed up in %.0f ms", (System.nanoTime() - start) / 1e6));
		} catch (RuntimeException | LinkageError | java.io.IOException failure) {
			// Only the first request's speed is at stake: say it, go on.
			LOG.warn("warm-up of completion and hover failed: " + failure);
		}
		start = System.nanoTime();
		try {
			int inPlace = editAndValidate();
			if (inPlace >= 0) {
				LOG.info(String.format("editing warmed up in %.0f ms (%d of %d edits parsed in place)",
						(System.nanoTime() - start) / 1e6, inPlace, EDITS));
			}
		} catch (RuntimeException | LinkageError | java.io.IOException failure) {
			LOG.warn("warm-up of editing failed: " + failure);
		} catch (InterruptedException stopped) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * An editor's edits, each parsed in place and validated, on a topology of the server's own, one
	 * at a time while the server has no request. The first edits a user made were the slowest (p95 over 150 ms for a 5,000-line file where p50 was
	 * 55 ms): the JIT was still compiling the partial parser, the rules and the folder-wide analysis
	 * while they ran, on the same two cores.
	 */
	private int editAndValidate() throws java.io.IOException, InterruptedException {
		URI uri = URI.createURI("synthetic:/ocstopo-warm-up-edits.ocstopo");
		IResourceServiceProvider language = languages.getResourceServiceProvider(uri);
		if (language == null) {
			return -1;
		}
		String text = pools(EDITED_POOLS);
		XtextResourceSet resourceSet = language.get(XtextResourceSet.class);
		XtextResource resource = (XtextResource) resourceSet.createResource(uri);
		resource.load(new LazyStringInputStream(text), null);
		if (!(resource instanceof TopologyResource topology)) {
			return -1;
		}
		int inPlace = 0;
		IResourceValidator validator = language.getResourceValidator();
		// Toggles the first Front End's gateway, as LanguageServerLatency's edits do.
		String[] gateways = { "default gateway 10.0.1.1\n", "default gateway 10.0.1.254\n" };
		int at = text.indexOf(gateways[0]);
		for (int round = 0; round < EDITS; round++) {
			// Only while no client waits: Linux gives a Java thread's priority no weight, and the JIT's
			// threads compile what this runs on the same two cores (the first completion after opening a
			// 5,000-line file took 106 to 214 ms beside these edits, 60 to 104 ms without them).
			while (!quiet.getAsBoolean()) {
				Thread.sleep(50);
			}
			String current = gateways[round % 2];
			String edited = text.substring(0, at) + gateways[(round + 1) % 2] + text.substring(at + current.length());
			if (topology.updateInPlace(edited)) {
				inPlace++;
			} else {
				resource.reparse(edited);
			}
			text = edited;
			validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
		}
		return inPlace;
	}

	/** Edits made and validated: enough for the JIT's compiled code to be in place (about 1 s of CPU). */
	private static final int EDITS = 40;

	private static final int EDITED_POOLS = 12;

	/**
	 * Pools of four Front Ends, every other one split over two subnets behind its balancer (the
	 * hairpin of the field report), so that the edits run the rules that trace pool traffic too.
	 */
	static String pools(int count) {
		StringBuilder text = new StringBuilder("topology WarmUp {\n    product lync2010\n}\nsite s {\n");
		for (int pool = 0; pool < count; pool++) {
			String net = "10.0." + (pool + 1) + ".";
			boolean split = pool % 2 == 1;
			text.append("    subnet p").append(pool).append(" ").append(net).append("0/").append(split ? 25 : 24).append('\n');
			if (split) {
				text.append("    subnet p").append(pool).append("-b ").append(net).append("128/25\n");
			}
			StringBuilder members = new StringBuilder();
			for (int k = 0; k < 4; k++) {
				boolean upper = split && k % 2 == 1;
				String fe = "fe" + pool + "-" + k + ".warm.test";
				text.append("    server ").append(fe).append(" {\n        interface ").append(net).append(upper ? 140 + k : 10 + k)
						.append(" on p").append(pool).append(upper ? "-b" : "").append("\n        default gateway ").append(net)
						.append(upper ? 129 : 1).append("\n    }\n");
				members.append(k == 0 ? "" : ", ").append(fe);
			}
			text.append("    enterprise pool pool").append(pool).append(".warm.test {\n        front ends ").append(members)
					.append("\n        load balanced by vip v").append(pool).append("\n    }\n    load balancer lb").append(pool)
					.append(" {\n        self ip ").append(net).append(split ? "1" : "2").append(" on p").append(pool).append('\n');
			if (split) {
				text.append("        self ip ").append(net).append("129 on p").append(pool).append("-b\n");
			}
			text.append("        virtual server v").append(pool).append(' ').append(net).append("100 {\n")
					.append("            ports tcp 5061, 5071\n            members pool pool").append(pool)
					.append(".warm.test\n            source translation automap\n        }\n    }\n");
		}
		return text.append("}\n").toString();
	}
}
