package org.ocs.topology.naming;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * A declaration's name is its {@code name} attribute, whole ("fe1.contoso.com" is one name): the
 * names Xtext's SimpleNameProvider gives, read from the object each time. Xtext's kept each
 * object's name in one map for the whole JVM, behind one lock, and put a watcher in the object's
 * adapter list the first time it was asked: half the cost of listing a file's names, a lock that
 * files listed in parallel queued on, and a write into the model from what reads it (the language
 * server reads in parallel, and EMF's adapter lists are not safe for that).
 */
@Singleton
public class DeclaredNameProvider extends IQualifiedNameProvider.AbstractImpl {

	/** Each class's single-valued String attribute called "name", if it has one. */
	private static final Map<EClass, Optional<EAttribute>> NAME_ATTRIBUTES = new ConcurrentHashMap<>();

	@Inject
	private IQualifiedNameConverter converter;

	@Override
	public QualifiedName getFullyQualifiedName(EObject object) {
		if (object == null) {
			return null;
		}
		Optional<EAttribute> attribute = nameAttribute(object.eClass());
		if (attribute.isEmpty()) {
			return null;
		}
		Object name = object.eGet(attribute.get());
		return name instanceof String text && !text.isEmpty() ? converter.toQualifiedName(text) : null;
	}

	/** As Xtext's SimpleAttributeResolver.NAME_RESOLVER chooses it. */
	static Optional<EAttribute> nameAttribute(EClass type) {
		return NAME_ATTRIBUTES.computeIfAbsent(type, t -> {
			EStructuralFeature feature = t.getEStructuralFeature("name");
			return feature instanceof EAttribute attribute && !attribute.isMany()
					&& attribute.getEType().getInstanceClass() != null
					&& String.class.isAssignableFrom(attribute.getEType().getInstanceClass()) ? Optional.of(attribute)
							: Optional.empty();
		});
	}
}
