package org.ocs.topology.rules.language;

import java.util.List;

import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.rules.RuleLogic;

/** suppression-unused, reported by the suppressing resource validator: here its remedy. */
public final class SuppressionUnused extends RuleLogic {

	@Override
	public List<Remedy> remedies(RemedySite site) {
		return List.of(Remedy.of("Remove the suppression comment", new Remedy.DeleteFinding()));
	}
}
