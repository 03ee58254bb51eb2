package org.ocs.topology.ide.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.eclipse.xtext.ide.server.concurrent.RequestManager;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.xbase.lib.Functions.Function0;
import org.eclipse.xtext.xbase.lib.Functions.Function2;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Xtext's request manager, which cancels every running read when a write (a change, an open, a
 * watched file) comes. After each write, the files its build left unvalidated, and those a
 * validation it cancelled did not finish, are validated in a new read request
 * ({@link DeferredValidation}), whatever the write was and however it ended.
 */
@Singleton
public class ValidatingRequestManager extends RequestManager {

	private final DeferredValidation deferredValidation;

	@Inject
	public ValidatingRequestManager(ExecutorService parallel, OperationCanceledManager operationCanceledManager,
			DeferredValidation deferredValidation) {
		super(parallel, operationCanceledManager);
		this.deferredValidation = deferredValidation;
	}

	/** Requests running now, and when the last one ended: the server's own background work waits for quiet. */
	private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
	private volatile long lastEnded = System.nanoTime();

	/**
	 * Whether no request (a build, a completion, a hover...) has run for this long: when work of the
	 * server's own, which no client waits for, may take the CPU without slowing one that does.
	 */
	public boolean isQuietFor(long nanos) {
		return running.get() == 0 && System.nanoTime() - lastEnded >= nanos;
	}

	private <V> V counted(java.util.function.Supplier<V> request) {
		running.incrementAndGet();
		try {
			return request.get();
		} finally {
			lastEnded = System.nanoTime();
			running.decrementAndGet();
		}
	}

	@Override
	public synchronized <V> CompletableFuture<V> runRead(
			org.eclipse.xtext.xbase.lib.Functions.Function1<? super org.eclipse.xtext.util.CancelIndicator, ? extends V> cancellable) {
		return super.runRead(cancelIndicator -> counted(() -> cancellable.apply(cancelIndicator)));
	}

	@Override
	public synchronized <U, V> CompletableFuture<V> runWrite(Function0<? extends U> nonCancellable,
			Function2<? super org.eclipse.xtext.util.CancelIndicator, ? super U, ? extends V> cancellable) {
		return super.runWrite(() -> counted(nonCancellable::apply), (cancelIndicator, intermediate) -> counted(() -> {
			try {
				return cancellable.apply(cancelIndicator, intermediate);
			} finally {
				// A cancelled write has a later one behind it, which validates.
				if (!cancelIndicator.isCanceled() && deferredValidation.hasPending()) {
					runRead(readCancelled -> {
						deferredValidation.validate(readCancelled);
						return null;
					});
				}
			}
		}));
	}
}
