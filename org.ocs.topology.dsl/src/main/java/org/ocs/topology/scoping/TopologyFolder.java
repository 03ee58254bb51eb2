package org.ocs.topology.scoping;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.ocs.topology.topology.Model;

import com.google.inject.Inject;

/** The files that make up one topology: every .ocstopo file in one folder. */
public class TopologyFolder {

	@Inject
	private ResourceDescriptionsProvider resourceDescriptionsProvider;

	public static URI folderOf(URI uri) {
		URI withoutFragment = uri.trimFragment();
		return withoutFragment.segmentCount() > 0 ? withoutFragment.trimSegments(1) : withoutFragment;
	}

	/**
	 * The models of all files in the folder of {@code resource}, itself first, the others in URI order.
	 * Siblings the index knows of are loaded into the same resource set when not loaded yet.
	 */
	public List<Model> modelsOf(Resource resource) {
		List<Model> models = new ArrayList<>();
		addModel(resource, models);
		URI folder = folderOf(resource.getURI());
		ResourceSet resourceSet = resource.getResourceSet();
		if (resourceSet == null) {
			return models;
		}
		IResourceDescriptions index = resourceDescriptionsProvider.getResourceDescriptions(resourceSet);
		List<URI> siblings = new ArrayList<>();
		for (IResourceDescription description : index.getAllResourceDescriptions()) {
			URI uri = description.getURI();
			if (!uri.equals(resource.getURI()) && folder.equals(folderOf(uri))) {
				siblings.add(uri);
			}
		}
		siblings.sort((a, b) -> a.toString().compareTo(b.toString()));
		for (URI uri : siblings) {
			try {
				addModel(resourceSet.getResource(uri, true), models);
			} catch (RuntimeException unreadable) {
				// A sibling that cannot be loaded reports its own problems when it is validated.
			}
		}
		return models;
	}

	private static void addModel(Resource resource, List<Model> models) {
		if (resource != null && !resource.getContents().isEmpty()
				&& resource.getContents().get(0) instanceof Model model) {
			models.add(model);
		}
	}
}
