package org.ocs.topology.scoping;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.DefaultGlobalScopeProvider;

import com.google.common.base.Predicate;

/**
 * Makes only the declarations of files in the same folder visible: a folder is one topology, so
 * two example deployments side by side in one workspace never see (or clash with) each other.
 */
public class FolderGlobalScopeProvider extends DefaultGlobalScopeProvider {

	@Override
	protected IScope getScope(Resource context, boolean ignoreCase, EClass type,
			Predicate<IEObjectDescription> filter) {
		URI folder = TopologyFolder.folderOf(context.getURI());
		Predicate<IEObjectDescription> sameFolder = description -> folder
				.equals(TopologyFolder.folderOf(description.getEObjectURI()));
		Predicate<IEObjectDescription> combined = filter == null ? sameFolder
				: description -> sameFolder.apply(description) && filter.apply(description);
		return super.getScope(context, ignoreCase, type, combined);
	}
}
