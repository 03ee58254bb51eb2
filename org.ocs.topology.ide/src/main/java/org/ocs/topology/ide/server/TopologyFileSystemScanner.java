package org.ocs.topology.ide.server;

import java.nio.file.Path;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IFileSystemScanner;
import org.ocs.topology.headless.TopologyWorkspace;

/**
 * The workspace's files as the language server's first build finds them, without the .ocstopo
 * names it cannot read: opening a named pipe waits for ever (initialize never answered), and one
 * broken link or unreadable file failed the whole build (no diagnostics for any file not open).
 * Each is said once on standard error, which editors show in the server's log.
 */
public class TopologyFileSystemScanner extends IFileSystemScanner.JavaIoFileSystemScanner {

	@Override
	public void scan(URI root, IAcceptor<URI> acceptor) {
		super.scan(root, uri -> {
			if (uri.isFile() && uri.toFileString() != null && uri.toFileString().endsWith(TopologyWorkspace.EXTENSION)) {
				Path file = Path.of(uri.toFileString());
				String problem = TopologyWorkspace.problem(file);
				if (problem != null && !"a folder".equals(problem)) {
					System.err.println("ocstopo language server: " + file + ": " + problem + ", not read");
					return;
				}
			}
			acceptor.accept(uri);
		});
	}
}
