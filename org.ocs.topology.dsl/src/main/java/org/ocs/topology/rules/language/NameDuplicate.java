package org.ocs.topology.rules.language;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.ocs.topology.rules.Findings;
import org.ocs.topology.rules.FolderRule;
import org.ocs.topology.topology.Site;
import org.ocs.topology.validation.Describe;
import org.ocs.topology.validation.TopologyModel;

/** name-duplicate: two declarations of one kind share a name, in any files of the folder (a site excepted). */
public final class NameDuplicate extends FolderRule {

	@Override
	public void check(TopologyModel topology, Findings findings) {
		Map<String, List<EObject>> byName = new LinkedHashMap<>();
		topology.contents().forEach(object -> {
			String name = Describe.nameOf(object);
			EStructuralFeature nameFeature = object.eClass().getEStructuralFeature("name");
			// A site may be written in several files (a file per pool, say): it is one site.
			if (name != null && nameFeature instanceof EAttribute && !(object instanceof Site)) {
				EClass group = Describe.nameGroupOf(object.eClass());
				// Case-insensitive, like DNS names and like reference resolution.
				byName.computeIfAbsent(group.getName() + "\u0000" + name.toLowerCase(Locale.ROOT),
						k -> new ArrayList<>()).add(object);
			}
		});
		for (List<EObject> sameName : byName.values()) {
			if (sameName.size() < 2) {
				continue;
			}
			for (EObject object : sameName) {
				String others = sameName.stream().filter(o -> o != object).map(Describe::location)
						.collect(Collectors.joining(", "));
				findings.report(object, object.eClass().getEStructuralFeature("name"),
						Describe.capitalize(Describe.of(object)) + " is declared more than once (also at " + others
								+ "): references to it cannot tell which one is meant.");
			}
		}
	}
}
