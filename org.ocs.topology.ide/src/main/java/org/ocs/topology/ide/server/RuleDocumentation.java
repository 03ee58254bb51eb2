package org.ocs.topology.ide.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.log4j.Logger;
import org.ocs.topology.rules.Rule;

import com.google.inject.Singleton;

/**
 * Where a rule's page is, for a diagnostic's {@code codeDescription}. The pages ship inside the
 * language server and are unpacked once into a cache folder, so the link works offline; the system
 * property {@code ocstopo.docs.url} (a base URL ending in '/') points at a hosted copy instead.
 */
@Singleton
public class RuleDocumentation {

	private static final Logger LOG = Logger.getLogger(RuleDocumentation.class);
	private static final String BUNDLED = "ocstopo-docs/rules/";

	private Path unpacked;

	public synchronized String href(Rule rule) {
		String base = System.getProperty("ocstopo.docs.url");
		if (base != null && !base.isBlank()) {
			return base + rule.id() + ".md";
		}
		try {
			Path page = folder().resolve(rule.id() + ".md");
			if (!Files.exists(page)) {
				try (InputStream in = RuleDocumentation.class.getClassLoader().getResourceAsStream(BUNDLED + rule.id() + ".md")) {
					if (in == null) {
						return null;
					}
					Path temporary = Files.createTempFile(folder(), ".page-", ".tmp");
					Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
					Files.move(temporary, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				}
			}
			return page.toUri().toString();
		} catch (IOException | RuntimeException e) {
			LOG.warn("Cannot unpack the page of " + rule.id() + ": " + e.getMessage());
			return null;
		}
	}

	private Path folder() throws IOException {
		if (unpacked == null) {
			String version = RuleDocumentation.class.getPackage().getImplementationVersion();
			Path base = Path.of(System.getProperty("java.io.tmpdir"), "ocstopo-docs-" + (version == null ? "dev" : version)
					+ "-" + System.getProperty("user.name", "user"));
			unpacked = Files.createDirectories(base.resolve("rules"));
		}
		return unpacked;
	}
}
