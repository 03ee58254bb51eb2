package org.ocs.topology.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.ocs.topology.rules.Rule;

/** The rule pages ({@code docs/rules/<id>.md}), bundled into this module's jar by the build. */
public final class RulePages {

	public static final String FOLDER = "/ocstopo-docs/rules/";

	private RulePages() {
	}

	/** The page as written, or empty when this build lacks it. */
	public static Optional<byte[]> bytes(Rule rule) {
		try (InputStream page = RulePages.class.getResourceAsStream(FOLDER + rule.id() + ".md")) {
			return page == null ? Optional.empty() : Optional.of(page.readAllBytes());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static Optional<String> text(Rule rule) {
		return bytes(rule).map(b -> new String(b, StandardCharsets.UTF_8));
	}
}
