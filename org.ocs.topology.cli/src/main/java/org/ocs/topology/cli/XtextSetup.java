package org.ocs.topology.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.ide.TopologyIdeSetup;

import com.google.inject.Injector;

/**
 * The language's Xtext services for the commands that read topologies (validate, format, trace), set
 * up on a thread of their own as soon as {@link Main} sees such a command, while picocli parses the
 * arguments and the files are listed: the EMF registration and the Guice injector are the largest
 * part of a short run's start-up (docs/benchmarks.md). The other commands never set them up.
 */
final class XtextSetup {

	private static volatile FutureTask<Injector> injector;

	private XtextSetup() {
	}

	/**
	 * Starts setting up the services; a command that needs none never calls this. {@code ide}: the
	 * editors' services too (the quick fixes {@code validate --fix} applies), in the same one set-up.
	 */
	static synchronized void start(boolean ide) {
		if (injector == null) {
			// Guice for one short run: construct by reflection instead of generating a class per
			// injected type (classes made at run time are never in the class-data sharing archive), and
			// no stack walk per binding for the source of a configuration error (Xtext's modules have
			// none to report). Both only where the user has not chosen otherwise.
			setIfAbsent("guice_bytecode_gen_option", "DISABLED");
			setIfAbsent("guice_include_stack_traces", "OFF");
			FutureTask<Injector> task = new FutureTask<>(() -> (ide ? new TopologyIdeSetup() : new TopologyStandaloneSetup())
					.createInjectorAndDoEMFRegistration());
			Thread thread = new Thread(task, "ocstopo-xtext-setup");
			thread.setDaemon(true);
			thread.start();
			injector = task;
		}
	}

	private static void setIfAbsent(String property, String value) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, value);
		}
	}

	/** A workspace on the services, waiting for their set-up; the set-up's failure is thrown here, as if made here. */
	static TopologyWorkspace workspace() {
		return new TopologyWorkspace(injector(false));
	}

	/** The services, waiting for their set-up; {@code ide} as for {@link #start(boolean)}. */
	static Injector injector(boolean ide) {
		start(ide);
		try {
			Injector ready = injector.get();
			if (ide && ready.getExistingBinding(com.google.inject.Key.get(
					org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider.class)) == null) {
				// Started without them (the command line did not name --fix as Main looks for it): add
				// them now, after the first set-up is done, so the two never race in EMF's registries.
				return new TopologyIdeSetup().createInjectorAndDoEMFRegistration();
			}
			return ready;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while setting up", e);
		} catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}
}
