package org.ocs.topology.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.impl.ImportedNamespaceAwareLocalScopeProvider;

/**
 * The file's names, then the folder's: what Xtext's namespace-aware local scope gives a language
 * whose names are flat, without its cost. Every name is one segment (an FQDN is one name, see
 * FqdnNameConverter) and the language has no imports, so the relative scope Xtext stacks for each
 * named container around a reference (a site, a server, a pool) can never match: it looks up
 * "container::name", which no declaration has. Xtext built that stack, and cached each object's
 * imports, for every reference resolved: most of the time of linking a large file.
 */
public class FlatNamesScopeProvider extends ImportedNamespaceAwareLocalScopeProvider {

	@Override
	public IScope getScope(EObject context, EReference reference) {
		if (context == null) {
			throw new NullPointerException("context");
		}
		return getResourceScope(context.eResource(), reference);
	}
}
