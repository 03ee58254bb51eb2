package org.ocs.topology.cli;

import java.util.Arrays;

import org.ocs.topology.rules.Rule;

import picocli.CommandLine.Command;

@Command(name = "rules", mixinStandardHelpOptions = true,
		description = { "Lists every rule ocstopo checks, in catalogue order: ID, default severity,",
				"whether the editors offer a quick fix, and what the rule finds.",
				"'ocstopo explain RULE' prints a rule's page." })
public final class RulesCommand implements Runnable {

	@Override
	public void run() {
		int idWidth = Math.max("ID".length(), Arrays.stream(Rule.values()).mapToInt(r -> r.id().length()).max().orElse(0));
		String row = "%-" + idWidth + "s  %-8s  %-7s  %s%n";
		System.out.printf(row, "ID", "SEVERITY", "FIXABLE", "SUMMARY");
		for (Rule rule : Rule.values()) {
			System.out.printf(row, rule.id(), rule.severity().label(), rule.fixable() ? "yes" : "no", rule.summary());
		}
	}
}
