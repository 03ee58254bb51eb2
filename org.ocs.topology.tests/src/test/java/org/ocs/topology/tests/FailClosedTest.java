package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.xtext.validation.CancelableDiagnostician;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.impl.EValidatorRegistryImpl;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.TopologyRuntimeModule;
import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.validation.FolderAnalysis;
import org.ocs.topology.validation.FolderFinding;
import org.ocs.topology.validation.TopologyValidator;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * Fail closed, in process: a check that throws yields one internal-error finding naming the check
 * and the file, and the other checks' findings are still there. The throwing checks are test-only,
 * bound in an injector of this test with a validator registry of its own, so that they reach no
 * other test.
 */
class FailClosedTest {

	/** Both a per-declaration finding (checkSubnet, checkInterface) and a folder one (name-duplicate). */
	private static final String TOPOLOGY = """
			subnet crash 192.0.2.0/24
			subnet lan 10.0.1.5/24
			subnet dup 198.51.100.0/24
			subnet dup 203.0.113.0/24
			server npe.contoso.com {
			    interface 10.0.1.300 on lan
			}
			""";

	/** The real validator plus two test-only checks that fail, one the way Xtext used to hide. */
	public static class ThrowingValidator extends TopologyValidator {
		@Check
		public void checkThatThrows(Subnet subnet) {
			if ("crash".equals(subnet.getName())) {
				throw new IllegalStateException("test-only check failed on " + subnet.getName());
			}
		}

		@Check
		public void checkThatDereferencesNull(Server server) {
			String missing = server.getName().startsWith("npe") ? null : server.getName();
			missing.length();
		}
	}

	/** Folder analysis that fails as a whole, as if building the folder's model threw. */
	public static class CrashingFolderAnalysis extends FolderAnalysis {
		@Override
		public synchronized List<FolderFinding> findings(List<Model> models, org.eclipse.emf.ecore.resource.Resource of) {
			throw new UnsupportedOperationException("test-only folder analysis failure");
		}
	}

	/** A validator whose failure escapes the @Check dispatch altogether (as from the EMF diagnostician). */
	public static class FailingOutsideChecksValidator extends TopologyValidator {
		@Override
		protected boolean isResponsible(Map<Object, Object> context, EObject eObject) {
			// Called by Xtext before the @Check dispatch, so a failure here is outside it.
			if (eObject instanceof Model) {
				throw new IllegalArgumentException("test-only failure outside the checks");
			}
			return super.isResponsible(context, eObject);
		}
	}

	@TempDir
	Path dir;

	@BeforeAll
	static void registerLanguage() {
		TopologyStandaloneSetup.doSetup();
	}

	private static Injector injector(Module testBindings) {
		return Guice.createInjector(Modules.override(new TopologyRuntimeModule()).with(new AbstractModule() {
			@Override
			protected void configure() {
				// A registry of this injector's own: the test validators must not reach other tests.
				bind(EValidator.Registry.class).toInstance(new EValidatorRegistryImpl());
			}
		}, testBindings));
	}

	private List<Issue> validate(Module testBindings, String text) throws Exception {
		Path file = Files.writeString(dir.resolve("site.ocstopo"), text);
		return new TopologyWorkspace(injector(testBindings)).validate(file);
	}

	private static List<Issue> withCode(List<Issue> issues, String code) {
		return issues.stream().filter(i -> code.equals(i.getCode())).toList();
	}

	@Test
	void aThrowingCheckIsAnInternalErrorOnItsDeclarationAndTheOtherChecksStillReport() throws Exception {
		List<Issue> issues = validate(binder -> binder.bind(TopologyValidator.class).to(ThrowingValidator.class)
				.asEagerSingleton(), TOPOLOGY);
		List<Issue> internal = withCode(issues, "internal-error");
		assertEquals(2, internal.size(), issues.toString());
		Issue thrown = internal.stream().filter(i -> i.getMessage().contains("checkThatThrows")).findFirst().orElseThrow();
		assertEquals("ocstopo could not finish check checkThatThrows on file site.ocstopo: java.lang.IllegalStateException:"
				+ " test-only check failed on crash; the findings of that check are missing; please report it.",
				thrown.getMessage());
		assertEquals(1, thrown.getLineNumber(), "on the subnet it was checking");
		assertEquals(org.eclipse.xtext.diagnostics.Severity.ERROR, thrown.getSeverity());
		Issue npe = internal.stream().filter(i -> i.getMessage().contains("checkThatDereferencesNull")).findFirst()
				.orElseThrow(() -> new AssertionError("a NullPointerException is no longer dropped: " + issues));
		assertTrue(npe.getMessage().contains("java.lang.NullPointerException"), npe.getMessage());
		assertEquals(5, npe.getLineNumber(), "on the server it was checking");
		// The other checks, on the same declarations and after them, still ran.
		assertEquals(1, withCode(issues, "subnet-host-bits").size(), issues.toString());
		assertEquals(1, withCode(issues, "address-malformed").size(), issues.toString());
		assertEquals(2, withCode(issues, "name-duplicate").size(), issues.toString());
	}

	@Test
	void aFailingFolderAnalysisIsAnInternalErrorAndTheDeclarationChecksStillReport() throws Exception {
		List<Issue> issues = validate(binder -> binder.bind(FolderAnalysis.class).to(CrashingFolderAnalysis.class),
				TOPOLOGY);
		List<Issue> internal = withCode(issues, "internal-error");
		assertEquals(1, internal.size(), issues.toString());
		assertTrue(internal.get(0).getMessage().startsWith("ocstopo could not finish check checkFolderWide on file"
				+ " site.ocstopo: java.lang.UnsupportedOperationException: test-only folder analysis failure"),
				internal.get(0).getMessage());
		assertEquals(1, withCode(issues, "subnet-host-bits").size(), issues.toString());
		assertEquals(1, withCode(issues, "address-malformed").size(), issues.toString());
	}

	@Test
	void aFailureOutsideTheChecksIsAnInternalErrorNotASilentlyEmptyResult() throws Exception {
		List<Issue> issues = validate(binder -> binder.bind(TopologyValidator.class)
				.to(FailingOutsideChecksValidator.class).asEagerSingleton(), TOPOLOGY);
		List<Issue> internal = withCode(issues, "internal-error");
		assertEquals(1, internal.size(), issues.toString());
		assertTrue(internal.get(0).getMessage().startsWith("ocstopo could not finish check validation on file"
				+ " site.ocstopo: java.lang.IllegalArgumentException: test-only failure outside the checks"),
				internal.get(0).getMessage());
		// The other objects are still validated.
		assertEquals(1, withCode(issues, "address-malformed").size(), issues.toString());
	}

	/** The EMF diagnostician itself failing, around all the validators. */
	public static class FailingDiagnostician extends CancelableDiagnostician {
		@Inject
		public FailingDiagnostician(EValidator.Registry registry) {
			super(registry);
		}

		// Both ways in: the validator calls the second (its own root diagnostic, see SuppressingResourceValidator).
		@Override
		public Diagnostic validate(EObject eObject, Map<?, ?> context) {
			throw new IllegalStateException("test-only diagnostician failure");
		}

		@Override
		public boolean validate(EObject eObject, org.eclipse.emf.common.util.DiagnosticChain diagnostics,
				Map<Object, Object> context) {
			throw new IllegalStateException("test-only diagnostician failure");
		}
	}

	@Test
	void aFailingDiagnosticianIsAnInternalErrorOnTheFileRoot() throws Exception {
		List<Issue> issues = validate(binder -> binder.bind(Diagnostician.class).to(FailingDiagnostician.class),
				TOPOLOGY + "server fe2.contoso.com {\n");
		List<Issue> internal = withCode(issues, "internal-error");
		assertEquals(1, internal.size(), issues.toString());
		assertTrue(internal.get(0).getMessage().startsWith("ocstopo could not finish check validation on file"
				+ " site.ocstopo: java.lang.IllegalStateException: test-only diagnostician failure"),
				internal.get(0).getMessage());
		assertEquals(1, internal.get(0).getLineNumber());
		// The parser's findings come before validation and stay.
		assertTrue(!withCode(issues, "syntax-error").isEmpty(), issues.toString());
	}

	@Test
	void theRealValidatorInThisSetUpReportsNoInternalError() throws Exception {
		// Guards the tests above: the injector set-up alone yields the usual findings, nothing more.
		List<Issue> issues = validate(binder -> {
		}, TOPOLOGY);
		assertEquals(List.of(), withCode(issues, "internal-error"));
		assertEquals(1, withCode(issues, "address-malformed").size(), issues.toString());
		assertEquals(2, withCode(issues, "name-duplicate").size(), issues.toString());
	}
}
