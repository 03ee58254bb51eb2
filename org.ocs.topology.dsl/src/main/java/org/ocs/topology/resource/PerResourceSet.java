package org.ocs.topology.resource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.ISynchronizable;
import org.apache.log4j.Logger;

/**
 * A value kept for each resource set, in one holder the set is given when it is made
 * ({@link TopologyResourceSet}), not added to its adapters later (a set made otherwise gets it
 * on first use, with a warning: see {@link #holder}). The language server answers
 * reads in parallel (hover, completion, a validation), and EMF's adapter lists are not for
 * concurrent writers, nor for a reader beside a writer: a cache adapter added to a list by one
 * read while another read walked it left the list with more entries than its array (an
 * ArrayIndexOutOfBoundsException in a later read or build, seen in CI, and from hover in one run
 * of ten of {@code halfTypedTextNeverBreaksTheServer}). The holder lives in the set, so the values
 * go with it.
 */
public final class PerResourceSet<T> {

	/** The values of one resource set, by the {@link PerResourceSet} they belong to. */
	static final class Holder extends AdapterImpl {
		final Map<PerResourceSet<?>, Object> values = new ConcurrentHashMap<>();

		@Override
		public boolean isAdapterForType(Object type) {
			return type == Holder.class;
		}
	}

	/** Gives a resource set its holder: to be called while no other thread can see the set. */
	static void prepare(ResourceSet resourceSet) {
		resourceSet.eAdapters().add(new Holder());
	}

	/** The set's value, or null when it has none yet. */
	@SuppressWarnings("unchecked")
	public T get(ResourceSet resourceSet) {
		Holder holder = holder(resourceSet, false);
		return holder == null ? null : (T) holder.values.get(this);
	}

	/** The set's value, made on first use (once, whichever thread asks first). */
	@SuppressWarnings("unchecked")
	public T get(ResourceSet resourceSet, Supplier<T> made) {
		return (T) holder(resourceSet, true).values.computeIfAbsent(this, key -> made.get());
	}

	private static volatile boolean warned;

	/**
	 * The set's holder. A set made elsewhere than by this language's injector gets it on first use
	 * (one addition per set, not one per file and parse as before), under the set's own lock where
	 * it has one; that is safe only while no other thread reads the set, so it is said once.
	 */
	private static Holder holder(ResourceSet resourceSet, boolean create) {
		Holder holder = (Holder) EcoreUtil.getAdapter(resourceSet.eAdapters(), Holder.class);
		if (holder == null && create) {
			Object lock = resourceSet instanceof ISynchronizable<?> synchronizable ? synchronizable.getLock() : resourceSet;
			synchronized (lock) {
				holder = (Holder) EcoreUtil.getAdapter(resourceSet.eAdapters(), Holder.class);
				if (holder == null) {
					if (!warned) {
						warned = true;
						Logger.getLogger(PerResourceSet.class).warn("a resource set made without its cache holder ("
								+ resourceSet.getClass().getName() + "): bind XtextResourceSet to TopologyResourceSet");
					}
					holder = new Holder();
					resourceSet.eAdapters().add(holder);
				}
			}
		}
		return holder;
	}
}
