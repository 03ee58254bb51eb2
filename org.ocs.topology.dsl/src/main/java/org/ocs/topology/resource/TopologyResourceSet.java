package org.ocs.topology.resource;

import org.eclipse.xtext.resource.SynchronizedXtextResourceSet;

/**
 * The resource set of the command line, the build plugin and the language server: Xtext's, made
 * with the holder of this language's caches already in its adapters ({@link PerResourceSet}), so
 * that no read adds to them later.
 */
public class TopologyResourceSet extends SynchronizedXtextResourceSet {

	public TopologyResourceSet() {
		PerResourceSet.prepare(this);
	}
}
