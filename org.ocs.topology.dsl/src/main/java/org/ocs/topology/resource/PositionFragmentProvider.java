package org.ocs.topology.resource;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IFragmentProvider;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * EMF's fragments (the same text: {@code //@declarations.0/@members.4711}), without EMF's cost.
 * EMF finds an object's position in its list with {@code indexOf}, so a file whose site holds
 * 50,000 declarations costs 50,000 x 50,000 / 2 comparisons each time every object's fragment is
 * asked for, and Xtext asks for it to index the file, to link it and for each finding: with a 10 MB
 * file, a quarter of the language server's build went there. Here the positions of a file's
 * objects are found in one walk, kept until the file changes, and the fragment is written from
 * them. Fragments are resolved back by EMF, which reads a position directly.
 */
@Singleton
public class PositionFragmentProvider implements IFragmentProvider {

	private static final Object POSITIONS = PositionFragmentProvider.class.getName() + ".positions";

	@Inject
	private IResourceScopeCache cache;

	@Override
	public EObject getEObject(Resource resource, String fragment, Fallback fallback) {
		return fallback.getEObject(fragment);
	}

	@Override
	public String getFragment(EObject object, Fallback fallback) {
		Resource resource = object.eResource();
		if (resource == null || object.eContainer() == null || object.eIsProxy()) {
			// A file's root (its list is short), or an object outside any file: as EMF does.
			return fallback.getFragment(object);
		}
		Map<EObject, Integer> positions = cache.get(POSITIONS, resource, () -> positionsIn(resource));
		String fragment = fragment(object, positions, fallback::getFragment);
		return fragment != null ? fragment : fallback.getFragment(object);
	}

	/**
	 * The fragment EMF would write, from positions taken earlier; null when the object was contained
	 * after they were taken. The root's fragment comes from {@code rootFragment}.
	 */
	static String fragment(EObject object, Map<EObject, Integer> positions, Function<EObject, String> rootFragment) {
		StringBuilder path = new StringBuilder();
		return appendPath(object, positions, path, rootFragment) ? path.toString() : null;
	}

	/** The root's fragment, then one segment per containment step down to the object. */
	private static boolean appendPath(EObject object, Map<EObject, Integer> positions, StringBuilder path,
			Function<EObject, String> rootFragment) {
		EObject container = object.eContainer();
		if (container == null) {
			path.append(rootFragment.apply(object));
			return true;
		}
		if (!appendPath(container, positions, path, rootFragment)) {
			return false;
		}
		EReference feature = object.eContainmentFeature();
		path.append("/@").append(feature.getName());
		if (feature.isMany()) {
			Integer position = positions.get(object);
			if (position == null) {
				return false;
			}
			path.append('.').append(position.intValue());
		}
		return true;
	}

	/** Each object's position in the list that contains it, for every many-valued containment. */
	static Map<EObject, Integer> positionsIn(Resource resource) {
		Map<EObject, Integer> positions = new IdentityHashMap<>();
		for (EObject root : resource.getContents()) {
			addChildren(root, positions);
		}
		return positions;
	}

	private static void addChildren(EObject parent, Map<EObject, Integer> positions) {
		for (EReference containment : parent.eClass().getEAllContainments()) {
			if (!parent.eIsSet(containment)) {
				continue;
			}
			if (containment.isMany()) {
				@SuppressWarnings("unchecked")
				List<EObject> children = (List<EObject>) parent.eGet(containment, false);
				for (int i = 0; i < children.size(); i++) {
					EObject child = children.get(i);
					positions.put(child, i);
					addChildren(child, positions);
				}
			} else {
				EObject child = (EObject) parent.eGet(containment, false);
				if (child != null) {
					addChildren(child, positions);
				}
			}
		}
	}
}
