package org.ocs.topology.resource;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.linking.lazy.LazyURIEncoder;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
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
			List<Resource.Diagnostic> linkErrors, List<Resource.Diagnostic> linkWarnings, List<IEObjectDescription> exported,
			List<EObject> linksLeft) {
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

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	/**
	 * Parses {@code text} as {@code file}'s, links and names it, off the build: the model sits in a
	 * resource of its own (the same URI, so that links and names are those the file will have).
	 */
	public Prepared prepare(URI file, String text) {
		IParseResult result = parser.parse(new StringReader(text));
		ListBasedDiagnosticConsumer linkFindings = new ListBasedDiagnosticConsumer();
		List<IEObjectDescription> exported = List.of();
		List<Triple<EObject, EReference, INode>> lazyLinks = List.of();
		List<EObject> linksLeft = List.of();
		if (result.getRootASTElement() != null) {
			TopologyResource aside = (TopologyResource) resources.get();
			aside.setURI(file);
			// A resource set of its own, so that the file's names are found once, not once per link.
			resourceSets.get().getResources().add(aside);
			aside.getContents().add(result.getRootASTElement());
			linker.linkModel(result.getRootASTElement(), linkFindings);
			// A lazy link names its place in its resource's table (Xtext's "|n"): the table goes along.
			lazyLinks = aside.lazyLinks();
			// Each name with its object (the index's references find their containers by it) and the
			// object's URI, worked out here and not again in the build.
			List<IEObjectDescription> names = new java.util.ArrayList<>();
			for (IEObjectDescription name : descriptions.getResourceDescription(aside).getExportedObjects()) {
				names.add(new PreparedName(name));
			}
			exported = List.copyOf(names);
			linksLeft = resolveWithinFile(aside);
			// Out of the resource it was made in, here: Xtext's cache on that resource watches every
			// object of the model, and left each of them when the build took the model (a tenth of
			// what was left of a 10 MB file's build).
			aside.getContents().clear();
		}
		return new Prepared(text, result, lazyLinks, List.copyOf(linkFindings.getResult(Severity.ERROR)),
				List.copyOf(linkFindings.getResult(Severity.WARNING)), exported, linksLeft);
	}

	/**
	 * Resolves ahead the links to the file's own declarations: a file's names come before the
	 * folder's in its scope, so the build would resolve each of them to the same object (a 10 MB
	 * file's links are nearly all of this kind, and resolving them was 60% of its build). A link the
	 * file does not answer (another file's name, or none) is left to the build, which sees the folder
	 * and records the names it looks up there (Xtext records none for a link the file answers).
	 * Returns the objects with links left: the build need look for links to resolve nowhere else.
	 */
	private List<EObject> resolveWithinFile(TopologyResource aside) {
		LazyURIEncoder encoder = aside.getEncoder();
		List<EObject> left = new java.util.ArrayList<>();
		for (java.util.Iterator<EObject> all = aside.getAllContents(); all.hasNext();) {
			InternalEObject source = (InternalEObject) all.next();
			boolean leftHere = false;
			for (EReference reference : source.eClass().getEAllReferences()) {
				if (!aside.holdsLazyLinks(reference)) {
					continue;
				}
				if (reference.isMany()) {
					@SuppressWarnings("unchecked")
					InternalEList<EObject> list = (InternalEList<EObject>) source.eGet(reference, false);
					for (int i = 0; i < list.size(); i++) {
						int at = i;
						leftHere |= !resolveOwn(aside, encoder, source, list.basicGet(i), target -> list.setUnique(at, target));
					}
				} else {
					leftHere |= !resolveOwn(aside, encoder, source, (EObject) source.eGet(reference, false),
							target -> source.eSet(reference, target));
				}
			}
			if (leftHere) {
				left.add(source);
			}
		}
		return List.copyOf(left);
	}

	/**
	 * Puts in the file's own declaration for {@code value} when it is a lazy link the file answers,
	 * as Xtext's resolution does (without notifications). False for a lazy link left to the build.
	 */
	private static boolean resolveOwn(TopologyResource aside, LazyURIEncoder encoder, InternalEObject source, EObject value,
			java.util.function.Consumer<EObject> put) {
		if (!isLazyLink(aside, encoder, value)) {
			return true;
		}
		EObject target = ownTarget(aside, encoder, (InternalEObject) value);
		if (target == null) {
			return false;
		}
		source.eSetDeliver(false);
		try {
			put.accept(target);
		} finally {
			source.eSetDeliver(true);
		}
		return true;
	}

	/** Whether {@code value} is a lazy link of the file (Xtext's "|n" proxy). */
	private static boolean isLazyLink(TopologyResource aside, LazyURIEncoder encoder, EObject value) {
		if (value == null || !value.eIsProxy()) {
			return false;
		}
		URI uri = ((InternalEObject) value).eProxyURI();
		return aside.getURI().equals(uri.trimFragment()) && encoder.isCrossLinkFragment(aside, uri.fragment());
	}

	/** The file's own declaration a lazy link of the file names, as the linking service finds it; null when it names none. */
	private static EObject ownTarget(TopologyResource aside, LazyURIEncoder encoder, InternalEObject lazyLink) {
		Triple<EObject, EReference, INode> link = encoder.decode(aside, lazyLink.eProxyURI().fragment());
		List<EObject> found;
		try {
			// The resource's own linking service: Xtext's sets a wrapper on its scope provider while it
			// looks up, so one shared by two threads could record one file's names on another.
			found = aside.getLinkingService().getLinkedObjects(link.getFirst(), link.getSecond(), link.getThird());
		} catch (RuntimeException unresolvable) {
			return null; // the build resolves it again, and says what is wrong
		}
		if (found.size() != 1) {
			return null;
		}
		EObject target = found.get(0);
		return !target.eIsProxy() && target.eResource() == aside && link.getSecond().getEReferenceType().isInstance(target)
				? target
				: null;
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
