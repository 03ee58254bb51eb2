package org.ocs.topology.scoping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.OnChangeEvictingCache;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.DefaultGlobalScopeProvider;
import org.eclipse.xtext.resource.impl.ResourceSetBasedResourceDescriptions;
import org.eclipse.xtext.scoping.impl.AbstractScope;
import org.ocs.topology.resource.PerResourceSet;
import org.ocs.topology.topology.Model;

import com.google.common.base.Predicate;
import com.google.inject.Inject;

/**
 * Makes only the declarations of files in the same folder visible: a folder is one topology, so
 * two example deployments side by side in one workspace never see (or clash with) each other.
 *
 * <p>Where the index is the resource set itself (the command line, the Maven plugin, tests), the
 * folder's names are indexed once per state of the folder (the list {@link TopologyFolder} keeps
 * until a file's model is replaced or a file joins or leaves the folder), and a reference is resolved by one look-up. Xtext's default looked
 * through every file for each reference (and its flat container state through a list of every
 * file for each of those), so a folder of 5,000 files was quadratic.
 */
public class FolderGlobalScopeProvider extends DefaultGlobalScopeProvider {

	@Inject
	private TopologyFolder folder;

	@Inject
	private IResourceDescription.Manager descriptions;

	@Override
	protected IScope getScope(Resource context, boolean ignoreCase, EClass type, Predicate<IEObjectDescription> filter) {
		if (context == null || context.getURI() == null) {
			return IScope.NULLSCOPE;
		}
		if (context.getResourceSet() != null && !(getResourceDescriptions(context) instanceof ResourceSetBasedResourceDescriptions)) {
			// The language server's index is Xtext's own (looked up by name, its builds and rename
			// depend on its containers): Xtext's scope, limited to the folder.
			URI folderUri = TopologyFolder.folderOf(context.getURI());
			Predicate<IEObjectDescription> sameFolder = description -> folderUri
					.equals(TopologyFolder.folderOf(description.getEObjectURI()));
			Predicate<IEObjectDescription> combined = filter == null ? sameFolder
					: description -> sameFolder.apply(description) && filter.apply(description);
			return super.getScope(context, ignoreCase, type, combined);
		}
		return new FolderScope(names(context), ignoreCase, type, filter);
	}

	/** The exported names of the context's folder, from the cache while the folder is unchanged. */
	private Names names(Resource context) {
		List<Model> models = folder.modelsOf(context);
		if (context.getResourceSet() == null) {
			return Names.of(models, null, descriptions);
		}
		// The index, as Xtext's own scope reads it (in the language server, the build's index).
		IResourceDescriptions index = getResourceDescriptions(context);
		Cache cache = CACHES.get(context.getResourceSet(), Cache::new);
		URI key = TopologyFolder.folderOf(context.getURI());
		synchronized (cache) {
			Names names = cache.byFolder.get(key);
			if (names == null || names.models != models || names.evicted) {
				if (names != null) {
					names.forget();
				}
				names = Names.of(models, index, descriptions);
				cache.byFolder.put(key, names);
			}
			return names;
		}
	}

	private static final class Cache {
		final Map<URI, Names> byFolder = new HashMap<>();
	}

	/** Each resource set's names, in the holder the set is made with (reads in parallel must add no adapter). */
	private static final PerResourceSet<Cache> CACHES = new PerResourceSet<>();

	/** The exported objects of one state of a folder, by name in lower case (DNS names ignore case). */
	private static final class Names implements OnChangeEvictingCache.Listener {
		final List<Model> models;
		/** Set when a file of the folder changes in place (a rename edits the model, not the text). */
		volatile boolean evicted;
		private final List<OnChangeEvictingCache.CacheAdapter> watched = new ArrayList<>();

		@Override
		public void onEvict(OnChangeEvictingCache.CacheAdapter adapter) {
			evicted = true;
		}

		void forget() {
			watched.forEach(adapter -> adapter.removeCacheListener(this));
		}
		final List<IEObjectDescription> all = new ArrayList<>();
		final Map<String, List<IEObjectDescription>> byName = new HashMap<>();

		private Names(List<Model> models) {
			this.models = models;
		}

		static Names of(List<Model> models, IResourceDescriptions index, IResourceDescription.Manager descriptions) {
			Names names = new Names(models);
			for (Model model : models) {
				if (model.eResource() == null) {
					continue;
				}
				if (model.eResource() instanceof XtextResource xtext && xtext.getCache() instanceof OnChangeEvictingCache cache) {
					OnChangeEvictingCache.CacheAdapter adapter = cache.getOrCreate(xtext);
					adapter.addCacheListener(names);
					names.watched.add(adapter);
				}
				IResourceDescription file = index == null ? null : index.getResourceDescription(model.eResource().getURI());
				if (file == null) {
					file = descriptions.getResourceDescription(model.eResource());
				}
				for (IEObjectDescription exported : file.getExportedObjects()) {
					names.all.add(exported);
					names.byName.computeIfAbsent(key(exported.getName()), k -> new ArrayList<>(1)).add(exported);
				}
			}
			return names;
		}

		static String key(QualifiedName name) {
			return name.toString().toLowerCase(Locale.ROOT);
		}
	}

	/** The folder's names of one type, through a filter; a name is looked up, not searched for. */
	private static final class FolderScope extends AbstractScope {
		private final Names names;
		private final EClass type;
		private final Predicate<IEObjectDescription> filter;

		FolderScope(Names names, boolean ignoreCase, EClass type, Predicate<IEObjectDescription> filter) {
			super(IScope.NULLSCOPE, ignoreCase);
			this.names = names;
			this.type = type;
			this.filter = filter;
		}

		private boolean accepts(IEObjectDescription description) {
			return EcoreUtil2.isAssignableFrom(type, description.getEClass()) && (filter == null || filter.apply(description));
		}

		@Override
		protected Iterable<IEObjectDescription> getAllLocalElements() {
			return names.all.stream().filter(this::accepts).toList();
		}

		@Override
		protected Iterable<IEObjectDescription> getLocalElementsByName(QualifiedName name) {
			List<IEObjectDescription> found = names.byName.getOrDefault(Names.key(name), List.of());
			return found.stream().filter(d -> accepts(d) && (isIgnoreCase() || d.getName().equals(name))).toList();
		}
	}
}
