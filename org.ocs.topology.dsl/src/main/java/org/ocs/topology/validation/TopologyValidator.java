package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import java.lang.reflect.Method;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.Exceptions;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.FeatureBasedDiagnostic;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.rules.DeclarationRule;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.IssueData;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.NetworkInterface;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.SelfIp;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.StaticRoute;
import org.ocs.topology.topology.StrayText;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.TranslationKind;

import com.google.inject.Inject;

/**
 * Translates the model into the analysis core's terms and the core's findings into diagnostics.
 * Every check tolerates a half-typed model: missing values and unresolved references are skipped,
 * since the parser and linker already report them.
 */
public class TopologyValidator extends AbstractTopologyValidator {

	@Inject
	private TopologyFolder folder;

	@Inject
	private FolderAnalysis folderAnalysis;

	/**
	 * Fail closed. Xtext calls each {@code @Check} method through a wrapper that drops a
	 * NullPointerException silently and lets any other exception escape, which aborts the
	 * validation of the rest of the file (the resource validator then only logs it). Here a check
	 * that throws reports one {@code internal-error} finding on the declaration it was checking,
	 * and the other checks go on.
	 */
	@Override
	protected MethodWrapper createMethodWrapper(AbstractDeclarativeValidator instance, Method method) {
		return new MethodWrapper(instance, method) {
			@Override
			public void invoke(State state) {
				try {
					CheckFailures.injectFault(method.getName());
				} catch (CheckFailures.InjectedFault fault) {
					handleInvocationTargetException(fault, state);
					return;
				}
				super.invoke(state);
			}

			@Override
			protected void handleInvocationTargetException(Throwable failure, State state) {
				// guard(false) skips a check on purpose (its exception class is package-private).
				if (failure.getClass().getName().equals("org.eclipse.xtext.validation.GuardException")) {
					return;
				}
				if (!CheckFailures.isCheckFailure(failure)) {
					Exceptions.throwUncheckedException(failure);
				}
				EObject object = state.currentObject;
				Resource resource = object == null ? null : object.eResource();
				CheckFailures.log(method.getName(), resource, failure);
				if (state.chain != null) {
					CheckType type = state.currentCheckType != null ? state.currentCheckType : CheckType.FAST;
					state.chain.add(new FeatureBasedDiagnostic(Diagnostic.ERROR,
							CheckFailures.message(method.getName(), resource, failure), object, null,
							ValidationMessageAcceptor.INSIGNIFICANT_INDEX, type, Rule.INTERNAL_ERROR.id()));
					state.hasErrors = true;
				}
			}
		};
	}

	// ------------------------------------------------------------ the rules, one class each

	/**
	 * Runs every rule that checks objects of this one's type. Fail closed per rule: a rule that
	 * throws reports one {@code internal-error} finding on the object, naming the rule, and the
	 * other rules still run.
	 */
	@Check
	public void checkRules(EObject object) {
		for (DeclarationRule<?> rule : RULES_BY_CLASS.computeIfAbsent(object.eClass(), RulesByClass::of)) {
			run(rule, object);
		}
	}

	/** The declaration rules of each model class, worked out once per class. */
	private static final java.util.Map<org.eclipse.emf.ecore.EClass, List<DeclarationRule<?>>> RULES_BY_CLASS =
			new java.util.concurrent.ConcurrentHashMap<>();

	private static final class RulesByClass {
		static List<DeclarationRule<?>> of(org.eclipse.emf.ecore.EClass type) {
			Class<?> instanceClass = type.getInstanceClass();
			return Rule.declarationRules().stream()
					.filter(rule -> instanceClass != null && rule.type().isAssignableFrom(instanceClass)).toList();
		}
	}

	private <T extends EObject> void run(DeclarationRule<T> rule, EObject object) {
		String check = rule.rule().id();
		try {
			CheckFailures.injectFault(check);
			rule.check(rule.type().cast(object), new DeclarationFindings(rule.rule()));
		} catch (RuntimeException | Error failure) {
			if (!CheckFailures.isCheckFailure(failure)) {
				throw failure;
			}
			CheckFailures.log(check, object.eResource(), failure);
			getMessageAcceptor().acceptError(CheckFailures.message(check, object.eResource(), failure), object, null,
					ValidationMessageAcceptor.INSIGNIFICANT_INDEX, Rule.INTERNAL_ERROR.id());
		}
	}

	/** A rule's findings on the file being validated, at the catalogue's severity. */
	private final class DeclarationFindings implements Findings {
		private final Rule rule;

		DeclarationFindings(Rule rule) {
			this.rule = rule;
		}

		@Override
		public void report(EObject object, EStructuralFeature feature, int index, String message, Record data,
				List<String> hops, boolean restsOnAssumption) {
			TopologyValidator.this.report(rule, rule.severity(restsOnAssumption), message, object, feature, index, IssueData.encode(data, hops));
		}

		@Override
		public void reportRange(EObject object, int offset, int length, String message, Record data) {
			String[] encoded = IssueData.encode(data, List.of());
			switch (rule.severity()) {
				case ERROR -> getMessageAcceptor().acceptError(message, object, offset, length, rule.id(), encoded);
				case WARNING -> getMessageAcceptor().acceptWarning(message, object, offset, length, rule.id(), encoded);
				default -> getMessageAcceptor().acceptInfo(message, object, offset, length, rule.id(), encoded);
			}
		}
	}

	// ------------------------------------------------------------ across the folder

	@Check(CheckType.NORMAL)
	public void checkFolderWide(Model model) {
		// Computed once per state of the folder, shared by the validation of each of its files.
		for (FolderFinding finding : folderAnalysis.findings(folder.modelsOf(model.eResource()), model.eResource())) {
			if (finding.isFailure()) {
				// A failed folder check leaves every file of the folder without its findings.
				getMessageAcceptor().acceptError(
						CheckFailures.message(finding.message(), model.eResource(), finding.failure()), model, null,
						ValidationMessageAcceptor.INSIGNIFICANT_INDEX, Rule.INTERNAL_ERROR.id());
			} else if (finding.object().eResource() == model.eResource()) {
				report(finding.rule(), finding.severity(), finding.message(), finding.object(), finding.feature(),
						finding.index(), finding.data());
			}
		}
	}

	// ------------------------------------------------------------ helpers

	private void report(Rule rule, Severity severity, String message, EObject object, EStructuralFeature feature,
			int index, String... data) {
		if (severity == Severity.ERROR) {
			error(message, object, feature, index, rule.id(), data);
		} else if (severity == Severity.WARNING) {
			warning(message, object, feature, index, rule.id(), data);
		} else {
			info(message, object, feature, index, rule.id(), data);
		}
	}
}
