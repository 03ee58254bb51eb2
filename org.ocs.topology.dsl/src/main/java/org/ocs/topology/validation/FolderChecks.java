package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.ValidationMessageAcceptor;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.rules.IssueData;
import org.ocs.topology.rules.Rule;

/**
 * The checks that need the whole folder (names and addresses across files, the topology header,
 * the MPOP arithmetic, Front End pair traffic, DNS): run once per state of the folder, producing
 * findings for every file; each file's validation then reports its own.
 */
public final class FolderChecks {

	private final TopologyModel topology;
	private final List<FolderFinding> findings = new ArrayList<>();

	private FolderChecks(TopologyModel topology) {
		this.topology = topology;
	}

	public static List<FolderFinding> run(TopologyModel topology) {
		FolderChecks checks = new FolderChecks(topology);
		for (FolderRule rule : Rule.folderRules()) {
			checks.guarded(rule.rule().id(), () -> rule.check(topology, checks.new RuleFindings(rule.rule())));
		}
		return List.copyOf(checks.findings);
	}

	/**
	 * Fail closed: a folder check that throws becomes a finding of every file of the folder, and
	 * the other folder checks still run. Without this, one crash dropped the findings of all the
	 * checks after it, and the cache kept nothing to report.
	 */
	private void guarded(String check, Runnable body) {
		try {
			CheckFailures.injectFault(check);
			body.run();
		} catch (RuntimeException | Error failure) {
			if (!CheckFailures.isCheckFailure(failure)) {
				throw failure;
			}
			CheckFailures.log(check, topology.models().isEmpty() ? null : topology.models().get(0).eResource(), failure);
			findings.add(FolderFinding.failure(check, failure));
		}
	}

	/** A folder rule's findings, at the catalogue's severity (a warning where it rests on an assumption). */
	private final class RuleFindings implements Findings {
		private final Rule rule;

		RuleFindings(Rule rule) {
			this.rule = rule;
		}

		@Override
		public void report(EObject object, EStructuralFeature feature, int index, String message, Record data,
				List<String> hops, boolean restsOnAssumption) {
			FolderFinding finding = new FolderFinding(rule, message, object, feature,
					index < 0 ? ValidationMessageAcceptor.INSIGNIFICANT_INDEX : index, IssueData.encode(data, hops));
			findings.add(restsOnAssumption ? finding.restingOnAssumption() : finding);
		}

		@Override
		public void reportRange(EObject object, int offset, int length, String message, Record data) {
			throw new UnsupportedOperationException("a folder rule reports on features, not text ranges: " + rule.id());
		}
	}
}
