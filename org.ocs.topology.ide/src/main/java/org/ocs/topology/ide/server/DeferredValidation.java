package org.ocs.topology.ide.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.log4j.Logger;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.build.BuildRequest;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.ocs.topology.resource.TopologyResource;
import org.ocs.topology.scoping.FolderResourceDescriptionManager;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.validation.SuppressingResourceValidator;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Validation out of the build, so that a huge file's checks hold up nobody. Xtext validates each
 * file inside its build, a write request: every hover, completion or outline request waits for
 * the whole build, on any file (a 10 MB topology: 12 to 21 s). Here the build only parses, links
 * and indexes; the files it would have validated are kept, and validated afterwards in a read
 * request, which runs beside the other read requests (hover, completion...) instead of before them.
 * The next change is a write request, which cancels it: a validation that has become stale stops at
 * the next object checked, and the files it did not finish are validated after the next build.
 * Each file's findings are published as soon as that file is validated.
 */
@Singleton
public class DeferredValidation {

	private static final Logger LOG = Logger.getLogger(DeferredValidation.class);

	/** A file built and not validated yet: the resource set it was built in, and where its findings go. */
	private record Pending(ResourceSet resourceSet, BuildRequest.IPostValidationCallback publish) {
	}

	/** In the order the builds built them; guarded by this. */
	private final Map<URI, Pending> pending = new LinkedHashMap<>();

	/** What each file's findings were when last published, and where; guarded by this. */
	private final Map<URI, Published> published = new java.util.HashMap<>();

	private record Published(List<Issue> issues, BuildRequest.IPostValidationCallback publish) {
	}

	@Inject
	private OperationCanceledManager cancellation;

	/** What the build does instead of validating a file. */
	public static class Builder extends IncrementalBuilder.InternalStatefulIncrementalBuilder {

		@Inject
		private DeferredValidation deferred;

		/**
		 * A file an editor changed is parsed again only where it changed when it can be
		 * ({@link TopologyResource#updateInPlace}): when the new text is the editor's and no other
		 * file refers to this one (their references would keep the objects the partial parse
		 * replaced; unloading turns those into proxies that find the new ones). Otherwise, and for
		 * deleted and affected files, Xtext's unload, after which the build loads the file afresh.
		 */
		@Override
		protected void unloadResource(URI uri) {
			BuildRequest request = getRequest();
			boolean changed = request.getDirtyFiles().contains(uri) || request.getDeletedFiles().contains(uri);
			Resource loaded = request.getResourceSet().getResource(uri, false);
			if (changed && !request.getDeletedFiles().contains(uri) && loaded instanceof TopologyResource resource
					&& !referencedFromOtherFiles(uri, request)) {
				String text = editorText(request.getResourceSet(), uri);
				if (text != null && resource.updateInPlace(text)) {
					return;
				}
			}
			if (!changed && loaded instanceof TopologyResource && loaded.isLoaded() && onlyFindingsAffected(uri)) {
				return;
			}
			super.unloadResource(uri);
		}

		/**
		 * Whether a file the build validates again because a file of its folder changed (its
		 * folder-wide findings may change) can keep its parsed model: it refers to nothing in a
		 * changed file (those objects are replaced, or proxies named by their position) and no name
		 * it looked up changed (Xtext's own test). Every sibling was parsed and linked again after
		 * each edit before: 20 files for an edit of one file of a 21-file folder.
		 */
		private boolean onlyFindingsAffected(URI uri) {
			IResourceDescription candidate = getContext().getOldState().getResourceDescriptions().getResourceDescription(uri);
			if (candidate == null || !(getContext().getResourceServiceProvider(uri)
					.getResourceDescriptionManager() instanceof FolderResourceDescriptionManager manager)) {
				return false;
			}
			for (IReferenceDescription reference : candidate.getReferenceDescriptions()) {
				URI target = reference.getTargetEObjectUri();
				if (target == null || changedFiles().contains(target.trimFragment())) {
					return false;
				}
			}
			return !manager.isLinkingAffected(changes(manager), candidate, getRequest().getState().getResourceDescriptions());
		}

		/** The build's changed and deleted files; found once per build (asked for each sibling). */
		private java.util.Set<URI> changedFiles;

		/** What changed in their exported names, as Xtext's deltas; made once per build. */
		private List<IResourceDescription.Delta> changes;

		private java.util.Set<URI> changedFiles() {
			if (changedFiles == null) {
				changedFiles = new java.util.HashSet<>(getRequest().getDirtyFiles());
				changedFiles.addAll(getRequest().getDeletedFiles());
			}
			return changedFiles;
		}

		private List<IResourceDescription.Delta> changes(IResourceDescription.Manager manager) {
			if (changes == null) {
				IResourceDescriptions before = getContext().getOldState().getResourceDescriptions();
				IResourceDescriptions after = getRequest().getState().getResourceDescriptions();
				changes = new java.util.ArrayList<>();
				for (URI file : changedFiles()) {
					IResourceDescription old = before.getResourceDescription(file);
					IResourceDescription now = after.getResourceDescription(file);
					if (old != null || now != null) {
						changes.add(manager.createDelta(old, now));
					}
				}
			}
			return changes;
		}

		private static boolean referencedFromOtherFiles(URI uri, BuildRequest request) {
			for (IResourceDescription description : request.getState().getResourceDescriptions().getAllResourceDescriptions()) {
				if (description.getURI().equals(uri)) {
					continue;
				}
				for (IReferenceDescription reference : description.getReferenceDescriptions()) {
					URI target = reference.getTargetEObjectUri();
					if (target != null && uri.equals(target.trimFragment())) {
						return true;
					}
				}
			}
			return false;
		}

		/** The file's text as the editor has it, or null when it is read from disk. */
		private static String editorText(ResourceSet resourceSet, URI uri) {
			try (InputStream in = resourceSet.getURIConverter().createInputStream(uri)) {
				return in instanceof LazyStringInputStream editor ? editor.getString() : null;
			} catch (IOException | RuntimeException unreadable) {
				return null;
			}
		}

		@Override
		protected boolean validate(Resource resource) {
			deferred.defer(resource.getURI(), getRequest().getResourceSet(), getRequest().getAfterValidate());
			// Nothing is generated from a topology, so there is nothing to go on with.
			return false;
		}
	}

	synchronized void defer(URI uri, ResourceSet resourceSet, BuildRequest.IPostValidationCallback publish) {
		// The latest build's place in the order: the file just changed is validated after older ones
		// only if they were already waiting.
		pending.put(uri, new Pending(resourceSet, publish));
	}

	synchronized boolean hasPending() {
		return !pending.isEmpty();
	}

	/** The file waiting longest, or null. */
	private synchronized Map.Entry<URI, Pending> next() {
		Iterator<Map.Entry<URI, Pending>> first = pending.entrySet().iterator();
		if (!first.hasNext()) {
			return null;
		}
		Map.Entry<URI, Pending> entry = first.next();
		return Map.entry(entry.getKey(), entry.getValue());
	}

	/** Takes a file off the list, unless a later build has put it on again meanwhile. */
	private synchronized boolean done(URI uri, Pending validated) {
		return pending.remove(uri, validated);
	}

	/** The same, keeping the findings about to be published. */
	private synchronized boolean done(URI uri, Pending validated, List<Issue> issues) {
		if (!pending.remove(uri, validated)) {
			return false;
		}
		published.put(uri, new Published(List.copyOf(issues), validated.publish()));
		return true;
	}

	/**
	 * Publishes a file's findings again, as they were last published, for a file opened without a
	 * build (its text is the one built). Editors that show only the findings of open files (eglot)
	 * drop those published before; they wait for these. Nothing is published when the file still
	 * waits for its validation, which will; false when nothing was ever published for the file.
	 */
	boolean republish(URI uri) {
		Published last;
		synchronized (this) {
			if (pending.containsKey(uri)) {
				return true;
			}
			last = published.get(uri);
		}
		if (last == null) {
			return false;
		}
		last.publish().afterValidate(uri, last.issues());
		return true;
	}

	/**
	 * Validates the files waiting, one by one, and publishes each one's findings, until none waits
	 * or the request is cancelled. A file that is gone from its resource set (deleted, or unloaded
	 * by a build that was cancelled before it loaded the file again) is left to the next build.
	 */
	void validate(CancelIndicator cancelIndicator) {
		for (Map.Entry<URI, Pending> next = next(); next != null; next = next()) {
			cancellation.checkCanceled(cancelIndicator);
			URI uri = next.getKey();
			Pending file = next.getValue();
			Resource resource = file.resourceSet().getResource(uri, false);
			if (!(resource instanceof XtextResource xtext) || !resource.isLoaded()) {
				done(uri, file);
				continue;
			}
			List<Issue> issues;
			try {
				IResourceValidator validator = xtext.getResourceServiceProvider().getResourceValidator();
				issues = validator.validate(resource, CheckMode.ALL, cancelIndicator);
			} catch (RuntimeException failure) {
				cancellation.propagateIfCancelException(failure);
				// Fail closed: the file gets a finding that says its checks did not run.
				issues = List.of(SuppressingResourceValidator.failedValidation(resource, failure));
			}
			// Findings of a text that has changed since are not published: the next build's are.
			cancellation.checkCanceled(cancelIndicator);
			if (done(uri, file, issues)) {
				file.publish().afterValidate(uri, issues);
			} else {
				LOG.debug("validated again before publishing: " + uri);
			}
		}
	}
}
