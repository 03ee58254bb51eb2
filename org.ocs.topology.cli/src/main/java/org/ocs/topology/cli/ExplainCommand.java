package org.ocs.topology.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.ocs.topology.naming.Similarity;
import org.ocs.topology.rules.Rule;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
		description = "Prints a rule's page (markdown): what it finds, why it matters, how to fix it, examples.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:printed", "2:no such rule, or bad arguments" })
public final class ExplainCommand implements Callable<Integer> {

	/** The rule pages, bundled into the jar from docs/rules by the build. */
	static final String PAGES = "/ocstopo-docs/rules/";

	@Parameters(paramLabel = "RULE", description = "a rule ID, as in a finding or in 'ocstopo rules'")
	private String ruleId;

	@Override
	public Integer call() throws IOException {
		Optional<Rule> rule = Rule.byId(ruleId);
		if (rule.isEmpty()) {
			String suggestion = closest(ruleId).map(id -> " (did you mean '" + id + "'?)").orElse("");
			System.err.println("ocstopo: no rule '" + ruleId + "'" + suggestion + "; `ocstopo rules` lists them");
			return Main.CANNOT_RUN;
		}
		try (InputStream page = ExplainCommand.class.getResourceAsStream(PAGES + rule.get().id() + ".md")) {
			if (page == null) {
				System.err.println("ocstopo: the page of rule '" + rule.get().id() + "' is missing from this build");
				return Main.CANNOT_RUN;
			}
			// The page as written, byte for byte: no re-encoding, no added line end.
			System.out.write(page.readAllBytes());
			System.out.flush();
		}
		return Main.CLEAN;
	}

	/** The rule ID nearest to a mistyped one, if it is near enough to be what was meant. */
	static Optional<String> closest(String typed) {
		return Similarity.closest(typed, Arrays.stream(Rule.values()).map(Rule::id).toList()).stream().findFirst();
	}
}
