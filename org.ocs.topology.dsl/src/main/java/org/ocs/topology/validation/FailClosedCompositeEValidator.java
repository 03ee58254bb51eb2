package org.ocs.topology.validation;

import java.util.Map;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.CompositeEValidator;
import org.eclipse.xtext.validation.FeatureBasedDiagnostic;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.rules.Rule;

/**
 * Fail closed where Xtext composes the validators of a package: it catches any Throwable a
 * validator throws outside the {@code @Check} dispatch (out of memory included), logs it and adds
 * an "Error executing EValidator" diagnostic with no rule and no position. Here that becomes an
 * {@code internal-error} finding on the object being validated, and out of memory propagates.
 * (The registrar copies composites with {@code Object.clone}, which keeps this class.)
 */
public class FailClosedCompositeEValidator extends CompositeEValidator {

	/** The object being validated: Xtext hands {@link #createExceptionDiagnostic} only its EClass. */
	private static final ThreadLocal<EObject> CURRENT = new ThreadLocal<>();

	@Override
	public boolean validate(EClass eClass, EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
		EObject outer = CURRENT.get();
		CURRENT.set(eObject);
		try {
			return super.validate(eClass, eObject, diagnostics, context);
		} finally {
			CURRENT.set(outer);
		}
	}

	@Override
	protected Diagnostic createExceptionDiagnostic(String message, Object object, Throwable failure) {
		if (!CheckFailures.isCheckFailure(failure)) {
			if (failure instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) failure;
		}
		EObject eObject = CURRENT.get();
		if (eObject == null) {
			return super.createExceptionDiagnostic(message, object, failure);
		}
		String check = "validation";
		CheckFailures.log(check, eObject.eResource(), failure);
		return new FeatureBasedDiagnostic(Diagnostic.ERROR, CheckFailures.message(check, eObject.eResource(), failure),
				eObject, null, ValidationMessageAcceptor.INSIGNIFICANT_INDEX, CheckType.FAST, Rule.INTERNAL_ERROR.id());
	}
}
