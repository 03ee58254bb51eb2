package org.ocs.topology.eclipse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4e.server.StreamConnectionProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * How LSP4E reaches the ocstopo language server: the server jar travels inside this bundle, is
 * copied once per bundle version into the bundle's OSGi data area (a jar inside a jar cannot be
 * run), and is started with the Java that runs Eclipse; the protocol goes over the process's
 * standard streams, its standard error into a log file beside the copied jar.
 *
 * <p>Every failure to start is an {@link IOException} with a sentence for the user: LSP4E logs it
 * and the editor stays a plain text editor with highlighting.
 */
public final class TopologyLanguageServerConnection implements StreamConnectionProvider {

	/** A java executable to run the server with instead of Eclipse's own (eclipse.ini, after -vmargs). */
	public static final String JAVA_PROPERTY = "ocstopo.java";
	/** The server jar's place inside this bundle. */
	public static final String SERVER_ENTRY = "server/ocstopo-language-server.jar";
	/** The server's standard error, in the bundle's data area. */
	public static final String LOG_FILE = "ocstopo-language-server.log";

	private static final String COPY_PREFIX = "ocstopo-language-server-";
	/** Above this the log starts again, so that it cannot grow without end across sessions. */
	private static final long LOG_LIMIT = 4L << 20;

	private Process process;

	@Override
	public synchronized void start() throws IOException {
		if (process != null && process.isAlive()) {
			return;
		}
		Bundle bundle = FrameworkUtil.getBundle(TopologyLanguageServerConnection.class);
		if (bundle == null) {
			throw new IOException("The ocstopo language server connection was not loaded from its Eclipse plug-in.");
		}
		List<String> command;
		Path log;
		try {
			Path dataArea = dataArea(bundle);
			Path jar = serverCopy(bundle, dataArea);
			log = startLog(dataArea);
			command = List.of(javaExecutable(), "-jar", jar.toString());
			Files.writeString(log, "--- " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		} catch (RuntimeException e) {
			throw new IOException("The ocstopo language server could not be prepared: " + e, e);
		}
		try {
			process = new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile())).start();
		} catch (IOException e) {
			throw new IOException("The ocstopo language server did not start (" + String.join(" ", command) + "): "
					+ e.getMessage() + ". Set -D" + JAVA_PROPERTY + "=<path to java 17 or newer> in eclipse.ini.", e);
		}
	}

	@Override
	public synchronized InputStream getInputStream() {
		return process == null ? null : process.getInputStream();
	}

	@Override
	public synchronized OutputStream getOutputStream() {
		return process == null ? null : process.getOutputStream();
	}

	/** {@code null}: the server's standard error goes to {@link #LOG_FILE}, so it can never fill a pipe. */
	@Override
	public InputStream getErrorStream() {
		return null;
	}

	@Override
	public synchronized void stop() {
		Process running = process;
		process = null;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(5, TimeUnit.SECONDS)) {
				running.destroyForcibly();
				running.waitFor(5, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			running.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Every instance launches the same server (LSP4E compares connections to avoid duplicates). */
	@Override
	public boolean equals(Object other) {
		return other instanceof TopologyLanguageServerConnection;
	}

	@Override
	public int hashCode() {
		return TopologyLanguageServerConnection.class.getName().hashCode();
	}

	@Override
	public String toString() {
		return "ocstopo language server";
	}

	private static Path dataArea(Bundle bundle) throws IOException {
		File data = bundle.getDataFile("");
		if (data == null) {
			throw new IOException("The OSGi framework gives the ocstopo plug-in no data area to unpack its language server into.");
		}
		Files.createDirectories(data.toPath());
		return data.toPath();
	}

	/** The server jar, copied out of the bundle once per bundle version; older copies are removed. */
	private static Path serverCopy(Bundle bundle, Path dataArea) throws IOException {
		Path copy = dataArea.resolve(COPY_PREFIX + bundle.getVersion() + ".jar");
		// One Eclipse may start several servers (one per project) at the same moment.
		synchronized (TopologyLanguageServerConnection.class) {
			if (!Files.isRegularFile(copy)) {
				URL entry = bundle.getEntry(SERVER_ENTRY);
				if (entry == null) {
					throw new IOException("The ocstopo plug-in " + bundle.getVersion() + " lacks " + SERVER_ENTRY + ".");
				}
				Path partial = Files.createTempFile(dataArea, COPY_PREFIX, ".partial");
				try (InputStream in = entry.openStream()) {
					Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
					Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
				} finally {
					Files.deleteIfExists(partial);
				}
			}
			removeOtherCopies(dataArea, copy);
		}
		return copy;
	}

	private static void removeOtherCopies(Path dataArea, Path current) {
		try (DirectoryStream<Path> copies = Files.newDirectoryStream(dataArea, COPY_PREFIX + "*")) {
			for (Path old : copies) {
				if (!old.equals(current)) {
					try {
						Files.deleteIfExists(old);
					} catch (IOException inUse) {
						// another Eclipse still runs it (Windows locks it): next time
					}
				}
			}
		} catch (IOException | UncheckedIOException e) {
			// only tidying up
		}
	}

	private static Path startLog(Path dataArea) throws IOException {
		Path log = dataArea.resolve(LOG_FILE);
		if (Files.isRegularFile(log) && Files.size(log) > LOG_LIMIT) {
			Files.delete(log);
		}
		return log;
	}

	private static String javaExecutable() throws IOException {
		String chosen = System.getProperty(JAVA_PROPERTY);
		if (chosen != null && !chosen.isBlank()) {
			if (!Files.isExecutable(Path.of(chosen))) {
				throw new IOException("-D" + JAVA_PROPERTY + "=" + chosen + " does not name an executable java.");
			}
			return chosen;
		}
		boolean windows = System.getProperty("os.name", "").startsWith("Windows");
		Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
		if (!Files.isExecutable(java)) {
			throw new IOException("The Java running Eclipse has no " + java + " to start the ocstopo language server with; set -D"
					+ JAVA_PROPERTY + "=<path to java 17 or newer> in eclipse.ini.");
		}
		return java.toString();
	}
}
