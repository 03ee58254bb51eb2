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

	WarmUp(IResourceServiceProvider.Registry languages) {
		this.languages = languages;
	}

	/** Starts it on a thread of its own, below the requests' priority. */
	static void start(IResourceServiceProvider.Registry languages) {
		inBackground("ocstopo-warm-up", new WarmUp(languages));
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
	}
}
