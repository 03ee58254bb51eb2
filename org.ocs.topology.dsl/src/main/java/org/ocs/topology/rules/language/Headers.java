package org.ocs.topology.rules.language;

import java.util.ArrayList;
import java.util.List;

import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.validation.TopologyModel;

/** The topology headers of a folder, in file order, so that every file agrees on which is the first. */
public final class Headers {

	private Headers() {
	}

	public static List<Topology> of(TopologyModel topology) {
		return of(topology.models());
	}

	/** The same, of parsed files (what a quick fix has). */
	public static List<Topology> of(List<Model> models) {
		List<Topology> headers = new ArrayList<>();
		for (Model m : models) {
			m.getDeclarations().stream().filter(Topology.class::isInstance).map(Topology.class::cast).forEach(headers::add);
		}
		return headers;
	}
}
