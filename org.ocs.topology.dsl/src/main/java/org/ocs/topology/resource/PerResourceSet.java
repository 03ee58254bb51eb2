package org.ocs.topology.resource;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.eclipse.emf.ecore.resource.ResourceSet;

import com.google.common.collect.MapMaker;

/**
 * A value kept for each resource set as long as the set lives, outside its list of adapters. The
 * language server answers reads in parallel (hover, completion, a validation), and EMF's adapter
 * lists are not for concurrent writers, nor for a reader beside a writer: a cache adapter added
 * to a list by one read while another read walked it left the list with more entries than its
 * array (an ArrayIndexOutOfBoundsException in a later read or build, seen in CI and in one run of
 * ten of {@code halfTypedTextNeverBreaksTheServer}).
 */
public final class PerResourceSet<T> {

	/** Weak keys, compared by identity: a resource set let go takes its value with it. */
	private final ConcurrentMap<ResourceSet, T> values = new MapMaker().weakKeys().makeMap();

	/** The set's value, or null when it has none yet. */
	public T get(ResourceSet resourceSet) {
		return values.get(resourceSet);
	}

	/** The set's value, made on first use (once, whichever thread asks first). */
	public T get(ResourceSet resourceSet, Supplier<T> made) {
		return values.computeIfAbsent(resourceSet, key -> made.get());
	}
}
