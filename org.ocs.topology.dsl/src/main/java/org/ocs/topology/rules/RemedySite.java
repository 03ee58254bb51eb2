package org.ocs.topology.rules;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.ocs.topology.topology.Model;
import org.ocs.topology.validation.HopData;

/** What a remedy can read of the finding it is for: given by the editor module. */
public interface RemedySite {

	/** The model object at the start of the finding's range (null if none). */
	EObject object();

	/** The text the finding's range covers, as it is now. */
	String written();

	/** The finding's typed data, or null if it carries none of that type. */
	<R extends Record> R data(Class<R> type);

	/** The hops of the finding's trace, in order. */
	List<HopData> hops();

	/** The object a hop or a finding points at, or null if it is gone. */
	EObject resolve(String objectUri);

	/** The parsed files of the topology the finding is in. */
	List<Model> folder();

	/** The names the cross-reference at the finding could take (empty where there is none). */
	List<String> namesInScope();
}
