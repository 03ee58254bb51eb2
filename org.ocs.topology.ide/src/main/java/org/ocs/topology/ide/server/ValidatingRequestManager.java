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

	@Override
	public synchronized <U, V> CompletableFuture<V> runWrite(Function0<? extends U> nonCancellable,
			Function2<? super org.eclipse.xtext.util.CancelIndicator, ? super U, ? extends V> cancellable) {
		return super.runWrite(nonCancellable, (cancelIndicator, intermediate) -> {
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
		});
	}
}
