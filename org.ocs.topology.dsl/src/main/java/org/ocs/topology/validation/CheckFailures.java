package org.ocs.topology.validation;

import java.util.concurrent.CancellationException;

import org.apache.log4j.Logger;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.service.OperationCanceledError;

/**
 * Fail closed: a check that throws becomes an {@code internal-error} finding naming the check and
 * the file, never a silent gap in the findings. The stack trace goes to this class's logger only
 * (the language server's log; the command line switches it on with {@code --debug}).
 */
public final class CheckFailures {

	/** The logger that receives the stack trace of every failed check. */
	public static final Logger LOG = Logger.getLogger(CheckFailures.class);

	/**
	 * Fault injection, read once: {@code -Docstopo.fault.check=<rule ID>} makes that rule's check
	 * (or an {@code @Check} method of {@link TopologyValidator}, by name) throw. It exists only to prove fail-closed behaviour end to end, with the real command line
	 * and language server, where no test can add a throwing check.
	 */
	public static final String FAULT_PROPERTY = "ocstopo.fault.check";

	private static final String FAULTY_CHECK = System.getProperty(FAULT_PROPERTY);

	/** The exception an injected fault throws. */
	public static final class InjectedFault extends RuntimeException {
		private static final long serialVersionUID = 1L;

		InjectedFault(String check) {
			super("fault injected into " + check + " by -D" + FAULT_PROPERTY);
		}
	}

	private CheckFailures() {
	}

	/** Throws {@link InjectedFault} when the fault-injection property names this check. */
	static void injectFault(String check) {
		if (check.equals(FAULTY_CHECK)) {
			throw new InjectedFault(check);
		}
	}

	/**
	 * Whether a failure is one a check can be abandoned for while the others go on. Out of memory
	 * and the like are not: the process cannot be trusted to go on, so they propagate (the command
	 * line turns them into one line and exit 2).
	 */
	static boolean isCheckFailure(Throwable failure) {
		if (isCancellation(failure)) {
			// The editor cancels validation on every keystroke: that is no failure.
			return false;
		}
		return !(failure instanceof VirtualMachineError) || failure instanceof StackOverflowError;
	}

	private static boolean isCancellation(Throwable failure) {
		return failure instanceof OperationCanceledError || failure instanceof CancellationException
				|| failure.getClass().getName().equals("org.eclipse.core.runtime.OperationCanceledException");
	}

	static void log(String check, Resource resource, Throwable failure) {
		LOG.error("Check " + check + " failed on " + (resource == null ? "?" : resource.getURI()), failure);
	}

	/** The finding's message, in the user's terms. */
	static String message(String check, Resource resource, Throwable failure) {
		String what = org.ocs.topology.rules.Rule.byId(check).isPresent() ? "the check of rule " + check : "check " + check;
		return "ocstopo could not finish " + what + " on file " + fileName(resource) + ": " + describe(failure)
				+ "; the findings of that check are missing; please report it.";
	}

	private static String fileName(Resource resource) {
		if (resource == null || resource.getURI() == null) {
			return "?";
		}
		String name = resource.getURI().lastSegment();
		return name == null ? resource.getURI().toString() : org.eclipse.emf.common.util.URI.decode(name);
	}

	private static String describe(Throwable failure) {
		String message = failure.getMessage();
		String text = failure.getClass().getName() + (message == null ? "" : ": " + message);
		// One finding, one line.
		return text.replaceAll("\\s*\\R\\s*", " ");
	}
}
