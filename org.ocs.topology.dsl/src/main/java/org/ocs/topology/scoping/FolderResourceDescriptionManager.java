package org.ocs.topology.scoping;

import java.util.Collection;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionManager;

/**
 * A change to one file affects every file of its folder: the folder-wide rules place findings in
 * whichever file holds the cause (a DNS record, a gateway, a translation), and what changed need
 * not be an exported name. Without this, the editor would keep showing a sibling's stale findings.
 */
public class FolderResourceDescriptionManager extends DefaultResourceDescriptionManager
		implements IResourceDescription.Manager.AllChangeAware {

	@Override
	public boolean isAffected(Collection<IResourceDescription.Delta> deltas, IResourceDescription candidate,
			IResourceDescriptions context) {
		return inSameFolder(deltas, candidate) || super.isAffected(deltas, candidate, context);
	}

	/**
	 * Whether the candidate's references may resolve differently (Xtext's test: a name it looked up
	 * is among the changed ones, or it refers to a file whose names changed), as opposed to its
	 * folder-wide findings only. A file affected only so needs validating again, not loading again.
	 */
	public boolean isLinkingAffected(Collection<IResourceDescription.Delta> deltas, IResourceDescription candidate,
			IResourceDescriptions context) {
		return super.isAffected(deltas, candidate, context);
	}

	@Override
	public boolean isAffectedByAny(Collection<IResourceDescription.Delta> deltas, IResourceDescription candidate,
			IResourceDescriptions context) {
		return isAffected(deltas, candidate, context);
	}

	private static boolean inSameFolder(Collection<IResourceDescription.Delta> deltas, IResourceDescription candidate) {
		URI folder = TopologyFolder.folderOf(candidate.getURI());
		for (IResourceDescription.Delta delta : deltas) {
			if (!delta.getUri().equals(candidate.getURI()) && folder.equals(TopologyFolder.folderOf(delta.getUri()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A file installed from a text prepared ahead ({@link org.ocs.topology.resource.PreparedParses})
	 * exports the names listed then: listing them again in the build took a tenth of a 10 MB file's.
	 */
	@Override
	protected IResourceDescription internalGetResourceDescription(org.eclipse.emf.ecore.resource.Resource resource,
			org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy strategy) {
		java.util.List<org.eclipse.xtext.resource.IEObjectDescription> ahead = resource instanceof org.ocs.topology.resource.TopologyResource topology
				? topology.exportedAhead() : null;
		if (ahead == null) {
			return super.internalGetResourceDescription(resource, strategy);
		}
		return new org.eclipse.xtext.resource.impl.DefaultResourceDescription(resource, strategy, getCache()) {
			@Override
			protected java.util.List<org.eclipse.xtext.resource.IEObjectDescription> computeExportedObjects() {
				return ahead;
			}
		};
	}
}
