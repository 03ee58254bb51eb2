package org.ocs.topology.cli;

import java.util.Arrays;

import org.ocs.topology.rules.Rule;

import picocli.CommandLine.Command;

@Command(name = "rules", mixinStandardHelpOptions = true,
		description = { "Lists every rule ocstopo checks, in catalogue order: ID, default severity,",
				"whether it is fixable (--fix: 'ocstopo validate --fix' applies a safe fix; editor: the",
				"editors offer quick fixes to choose from; no), and what the rule finds.",
				"'ocstopo explain RULE' prints a rule's page." })
public final class RulesCommand implements Runnable {

	@Override
	public void run() {
		int idWidth = Math.max("ID".length(), Arrays.stream(Rule.values()).mapToInt(r -> r.id().length()).max().orElse(0));
		String row = "%-" + idWidth + "s  %-8s  %-7s  %s%n";
		// FIXABLE: "--fix" where a fix is safe to apply unattended, "editor" where a person must choose.
		System.out.printf(row, "ID", "SEVERITY", "FIXABLE", "SUMMARY");
		for (Rule rule : Rule.values()) {
			System.out.printf(row, rule.id(), rule.severity().label(), fixable(rule), rule.summary());
		}
	}

	static String fixable(Rule rule) {
		return rule.safeFix() ? "--fix" : rule.fixable() ? "editor" : "no";
	}
}
