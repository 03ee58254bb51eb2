package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.resource.PreparedParses;
import org.ocs.topology.resource.TopologyResource;

/**
 * What a file parsed in part after an edit ({@link TopologyResource#updateInPlace}, the language
 * server's path for an editor's change) must equal: the same text parsed whole. Compared: the
 * node model leaf by leaf (positions, text, grammar element), every object with its attributes and
 * the text of its references, and every finding.
 */
final class InPlaceUpdate {

	private InPlaceUpdate() {
	}

	/** How an update went: declined (the caller would load the file afresh), a part parsed again, or the whole text. */
	enum Outcome {
		DECLINED, PART, WHOLE
	}

	/**
	 * Parses {@code before}, validates it (so that the folder-wide analysis has cached its state),
	 * updates it in place to {@code after}, and compares it with {@code after} parsed afresh.
	 */
	static Outcome update(String before, String after) throws IOException {
		return update(before, after, false);
	}

	/**
	 * As {@link #update(String, String)}, with {@code after} parsed beforehand, as the language
	 * server parses a large file's change ahead of its build ({@code ParseAhead}): the file must
	 * take that parse (its model is the one parsed ahead, and the parse is given out once).
	 */
	static Outcome updateParsedAhead(String before, String after) throws IOException {
		return update(before, after, true);
	}

	private static Outcome update(String before, String after, boolean parsedAhead) throws IOException {
		XtextResource updated = FuzzInputs.parse(before);
		if (updated.getParseResult().hasSyntaxErrors()) {
			return Outcome.DECLINED; // never parsed in part (stray text is: the grammar parses it)
		}
		FuzzInputs.validate(updated);
		FuzzInputs.writeDownPoolTraffic(updated);
		org.eclipse.xtext.nodemodel.ICompositeNode root = updated.getParseResult().getRootNode();
		// The parses of the injector that made this file (another test may have registered another).
		PreparedParses prepared = updated.getResourceServiceProvider().get(PreparedParses.class);
		org.eclipse.xtext.parser.IParseResult ahead = null;
		if (parsedAhead) {
			PreparedParses.Prepared made = prepared.prepare(updated.getURI(), after);
			ahead = made.result();
			prepared.put(updated.getURI(), made);
		}
		try {
			if (!((TopologyResource) updated).updateInPlace(after)) {
				return Outcome.DECLINED;
			}
		} finally {
			prepared.forget(updated.getURI());
		}
		if (ahead != null && !before.equals(after)) {
			assertSame(ahead.getRootASTElement(), updated.getContents().isEmpty() ? null : updated.getContents().get(0),
					() -> "the model parsed ahead is the file's\n--- before\n" + before + "\n--- after\n" + after);
			assertSame(ahead.getRootNode(), updated.getParseResult().getRootNode(),
					() -> "the node model parsed ahead is the file's\n--- before\n" + before + "\n--- after\n" + after);
		}
		XtextResource parsed = FuzzInputs.parse(after);
		assertEquals(leaves(parsed), leaves(updated), () -> "node model after the edit\n--- before\n" + before + "\n--- after\n" + after);
		assertEquals(objects(parsed), objects(updated), () -> "model after the edit\n--- before\n" + before + "\n--- after\n" + after);
		assertEquals(exported(parsed), exported(updated), () -> "exported names after the edit\n--- after\n" + after);
		assertEquals(targets(parsed), targets(updated), () -> "references' targets after the edit\n--- after\n" + after);
		assertEquals(lookedUp(parsed), lookedUp(updated), () -> "names looked up after the edit\n--- after\n" + after);
		assertEquals(findings(FuzzInputs.validate(parsed)), findings(FuzzInputs.validate(updated)),
				() -> "findings after the edit\n--- before\n" + before + "\n--- after\n" + after);
		return root == updated.getParseResult().getRootNode() ? Outcome.PART : Outcome.WHOLE;
	}

	/** Whether the update was taken (in part or whole), equal to a full parse. */
	static boolean updatedEqualsParsed(String before, String after) throws IOException {
		return update(before, after) != Outcome.DECLINED;
	}

	/** What the file exports to the index: name, kind and place (the fragment) of each. */
	private static List<String> exported(XtextResource resource) {
		List<String> exported = new ArrayList<>();
		IResourceDescription description = FuzzInputs.INJECTOR.getInstance(IResourceDescription.Manager.class)
				.getResourceDescription(resource);
		for (IEObjectDescription name : description.getExportedObjects()) {
			exported.add(name.getName() + " " + name.getEClass().getName() + " " + name.getEObjectURI().fragment());
		}
		return exported;
	}

	/** Where each reference of each object leads: the target's place in the file, or "unresolved". */
	private static List<String> targets(XtextResource resource) {
		List<String> targets = new ArrayList<>();
		for (Iterator<EObject> all = resource.getAllContents(); all.hasNext();) {
			EObject object = all.next();
			for (EReference reference : object.eClass().getEAllReferences()) {
				if (reference.isContainment() || reference.isContainer()) {
					continue;
				}
				Object value = object.eGet(reference, true);
				for (Object target : value instanceof List<?> list ? list : java.util.Collections.singletonList(value)) {
					targets.add(object.eClass().getName() + "." + reference.getName() + " -> " + (target == null ? "none"
							: ((EObject) target).eIsProxy() ? "unresolved"
									: ((EObject) target).eResource() == resource ? resource.getURIFragment((EObject) target) : "elsewhere"));
				}
			}
		}
		return targets;
	}

	/** The names the file looked up to resolve its references (what tells the index it depends on them). */
	private static java.util.Set<String> lookedUp(XtextResource resource) {
		java.util.Set<String> names = new java.util.TreeSet<>();
		FuzzInputs.INJECTOR.getInstance(IResourceDescription.Manager.class).getResourceDescription(resource).getImportedNames()
				.forEach(name -> names.add(name.toString()));
		return names;
	}

	/** What the index records of the file's references: source, container, target and reference, by place. */
	static List<String> references(XtextResource resource) {
		List<String> references = new ArrayList<>();
		IResourceDescription description = FuzzInputs.INJECTOR.getInstance(IResourceDescription.Manager.class)
				.getResourceDescription(resource);
		for (org.eclipse.xtext.resource.IReferenceDescription reference : description.getReferenceDescriptions()) {
			references.add(fragment(reference.getSourceEObjectUri()) + " in " + fragment(reference.getContainerEObjectURI()) + " -> "
					+ fragment(reference.getTargetEObjectUri()) + " " + reference.getEReference().getName() + "#"
					+ reference.getIndexInList());
		}
		return references;
	}

	private static String fragment(org.eclipse.emf.common.util.URI uri) {
		return uri == null ? "-" : uri.fragment();
	}

	private static List<String> leaves(XtextResource resource) {
		List<String> leaves = new ArrayList<>();
		for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
			leaves.add(leaf.getTotalOffset() + "+" + leaf.getTotalLength() + " " + leaf.isHidden() + " " + leaf.getGrammarElement()
					+ " " + leaf.getText());
		}
		return leaves;
	}

	private static List<String> objects(XtextResource resource) {
		List<String> objects = new ArrayList<>();
		for (Iterator<EObject> all = resource.getAllContents(); all.hasNext();) {
			EObject object = all.next();
			StringBuilder line = new StringBuilder(object.eClass().getName());
			INode node = NodeModelUtils.getNode(object);
			line.append(" @").append(node == null ? "-" : node.getTotalOffset() + "+" + node.getTotalLength());
			for (EAttribute attribute : object.eClass().getEAllAttributes()) {
				line.append(' ').append(attribute.getName()).append('=').append(object.eGet(attribute));
			}
			for (EReference reference : object.eClass().getEAllReferences()) {
				if (!reference.isContainment() && !reference.isContainer()) {
					line.append(' ').append(reference.getName()).append("->");
					for (INode written : NodeModelUtils.findNodesForFeature(object, reference)) {
						line.append(NodeModelUtils.getTokenText(written)).append(';');
					}
				}
			}
			objects.add(line.toString());
		}
		return objects;
	}

	static List<String> findings(List<Issue> issues) {
		List<String> findings = new ArrayList<>();
		for (Issue issue : issues) {
			String finding = issue.getSeverity() + " " + issue.getCode() + " " + issue.getOffset() + "+" + issue.getLength() + " "
					+ issue.getMessage() + " " + String.join("|", issue.getData() == null ? new String[0] : issue.getData());
			// Each parse is a file of a folder of its own (FuzzInputs.parse): the folder's name is no difference.
			findings.add(finding.replaceAll("/fuzz/folder\\d+/", "/fuzz/folder/"));
		}
		return findings;
	}
}
