package org.eclipse.lsp4e.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Compile-time declaration of LSP4E's {@code org.eclipse.lsp4e.server.StreamConnectionProvider}
 * (package exported as version 0.1.0), written from its signatures in LSP4E 0.30.8 (bundle
 * org.eclipse.lsp4e 0.19.15, commit f40d39c3); the five abstract methods are unchanged since
 * LSP4E 0.6.0 (2018), which added getErrorStream. Only the abstract methods are
 * declared: the ocstopo connection implements exactly these and inherits LSP4E's default methods
 * (initialization options, trace, message hook) from the real interface at run time.
 *
 * <p>Never shipped: the bundle's jar excludes {@code org/eclipse/**} and imports the package
 * from the installed LSP4E.
 */
public interface StreamConnectionProvider {

	void start() throws IOException;

	InputStream getInputStream();

	OutputStream getOutputStream();

	/** {@code null} when the error output is redirected elsewhere. */
	InputStream getErrorStream();

	void stop();
}
