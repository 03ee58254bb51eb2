package org.ocs.topology.resource;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.impl.ListBasedDiagnosticConsumer;
import org.eclipse.xtext.util.Triple;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;

/**
 * Parses of an editor's text made before the build asked for them (the language server prepares a
 * large file's new text while other requests are still answered, then builds). A prepared text is
 * parsed, its references are made lazy links, and its exported names are listed, all in a resource
 * of its own with the file's URI that nothing else sees. A file whose text is loaded takes the
 * parse made of exactly that text, once, instead of parsing, linking and naming again; any other
 * text is parsed as always. One parse is kept per file: a newer one replaces it.
 */
@Singleton
public final class PreparedParses {

	/** A text parsed, linked and named ahead; its model still sits in a resource of its own (until installed). */
	public record Prepared(String text, IParseResult result, List<Triple<EObject, EReference, INode>> lazyLinks,
			List<Resource.Diagnostic> linkErrors, List<Resource.Diagnostic> linkWarnings, List<IEObjectDescription> exported) {
	}

	private final Map<URI, Prepared> byFile = new ConcurrentHashMap<>();

	@Inject
	private IParser parser;

	@Inject
	private ILinker linker;

	@Inject
	private Provider<XtextResource> resources;

	@Inject
	private IResourceDescription.Manager descriptions;

	/**
	 * Parses {@code text} as {@code file}'s, links and names it, off the build: the model sits in a
	 * resource of its own (the same URI, so that links and names are those the file will have).
	 */
	public Prepared prepare(URI file, String text) {
		IParseResult result = parser.parse(new StringReader(text));
		ListBasedDiagnosticConsumer linking = new ListBasedDiagnosticConsumer();
		List<IEObjectDescription> exported = List.of();
		List<Triple<EObject, EReference, INode>> lazyLinks = List.of();
		if (result.getRootASTElement() != null) {
			TopologyResource aside = (TopologyResource) resources.get();
			aside.setURI(file);
			aside.getContents().add(result.getRootASTElement());
			linker.linkModel(result.getRootASTElement(), linking);
			// A lazy link names its place in its resource's table (Xtext's "|n"): the table goes along.
			lazyLinks = aside.lazyLinks();
			// Each name with its object (the index's references find their containers by it) and the
			// object's URI, worked out here and not again in the build.
			List<IEObjectDescription> names = new java.util.ArrayList<>();
			for (IEObjectDescription name : descriptions.getResourceDescription(aside).getExportedObjects()) {
				names.add(new PreparedName(name));
			}
			exported = List.copyOf(names);
		}
		return new Prepared(text, result, lazyLinks, List.copyOf(linking.getResult(Severity.ERROR)),
				List.copyOf(linking.getResult(Severity.WARNING)), exported);
	}

	/** Keeps a prepared text for the next load of {@code file} with that text. */
	public void put(URI file, Prepared prepared) {
		byFile.put(file, prepared);
	}

	/** The parse made of exactly {@code text} for {@code file}, given out once; null when there is none. */
	public Prepared take(URI file, String text) {
		Prepared prepared = byFile.get(file);
		if (prepared == null || !prepared.text().equals(text) || !byFile.remove(file, prepared)) {
			return null;
		}
		return prepared;
	}

	/** Drops the file's parse (its document was closed, or its text changed again). */
	public void forget(URI file) {
		byFile.remove(file);
	}

	/** Whether a parse waits for a load of this file (for tests and the log). */
	public boolean holds(URI file) {
		return byFile.containsKey(file);
	}

	/** An exported name whose object's URI was worked out when the text was prepared. */
	private static final class PreparedName extends EObjectDescription {

		private final URI uri;

		PreparedName(IEObjectDescription name) {
			super(name.getName(), name.getEObjectOrProxy(), userData(name));
			this.uri = name.getEObjectURI();
		}

		private static Map<String, String> userData(IEObjectDescription name) {
			Map<String, String> data = new java.util.HashMap<>();
			for (String key : name.getUserDataKeys()) {
				data.put(key, name.getUserData(key));
			}
			return data;
		}

		@Override
		public URI getEObjectURI() {
			return uri;
		}
	}
}
