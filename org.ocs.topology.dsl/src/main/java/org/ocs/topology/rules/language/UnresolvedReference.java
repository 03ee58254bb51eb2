package org.ocs.topology.rules.language;

import java.util.List;

import org.ocs.topology.naming.Similarity;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.rules.RuleLogic;

/**
 * unresolved-reference, reported by the linker (TopologyLinkingDiagnosticMessageProvider): here its
 * remedies, the closest declared names.
 */
public final class UnresolvedReference extends RuleLogic {

	/** The name as written, which the linker's message quotes. */
	public record Data(String written) {
	}

	@Override
	public List<Remedy> remedies(RemedySite site) {
		Data data = site.data(Data.class);
		String written = data != null && data.written() != null ? data.written() : site.written();
		return Similarity.closest(written, site.namesInScope()).stream().limit(3)
				.map(name -> Remedy.of("Change to '" + name + "'", new Remedy.ReplaceFinding(name))).toList();
	}
}
