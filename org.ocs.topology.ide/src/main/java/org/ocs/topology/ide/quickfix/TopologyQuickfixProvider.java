package org.ocs.topology.ide.quickfix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2.Options;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.ocs.topology.analysis.product.DomainLimits;
import org.ocs.topology.naming.Similarity;
import org.ocs.topology.rules.IssueData;
import org.ocs.topology.rules.Remedy;
import org.ocs.topology.rules.RemedySite;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.RuleLogic;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.Declaration;
import org.ocs.topology.topology.DefaultGateway;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.HostsEntry;
import org.ocs.topology.topology.LookupAccount;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.Site;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.TopologyPackage;
import org.ocs.topology.topology.TranslationKind;
import org.ocs.topology.topology.VirtualServer;
import org.ocs.topology.validation.HopData;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.inject.Inject;

/**
 * The remedies for findings, as quick fixes. Each reads the issue code and the data the validator
 * attached (it never re-runs the analysis) and edits only the tokens that change, in whichever file
 * of the topology holds them. No fix is offered that the model cannot take.
 */
public class TopologyQuickfixProvider implements IQuickFixProvider {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	@Inject
	private UriExtensions uris;

	@Inject
	private IScopeProvider scopeProvider;

	@Inject
	private IQualifiedNameConverter nameConverter;

	@Inject
	private TopologyFolder folder;

	@Override
	public boolean handlesDiagnostic(Diagnostic diagnostic) {
		return Rule.byId(codeOf(diagnostic)).map(rule -> rule.fixable() && rule.logic() != null).orElse(false);
	}

	@Override
	public List<DiagnosticResolution> getResolutions(Options options, Diagnostic diagnostic) {
		if (!(options.getResource() instanceof XtextResource resource) || resource.getParseResult() == null) {
			return List.of();
		}
		Document document = options.getDocument() != null ? options.getDocument()
				: new Document(1, EditBuilder.textOf(resource));
		// Some clients send back diagnostics without their range: fall back on the request's range.
		Range range = diagnostic.getRange() != null ? diagnostic.getRange()
				: options.getCodeActionParams() != null ? options.getCodeActionParams().getRange() : null;
		if (range == null) {
			return List.of();
		}
		int offset;
		int endOffset;
		try {
			offset = document.getOffSet(range.getStart());
			endOffset = document.getOffSet(range.getEnd());
		} catch (IndexOutOfBoundsException stale) {
			return List.of();
		}
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
		EObject object = leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
		Fix fix = new Fix(resource, offset, endOffset, dataOf(diagnostic), object, leaf, options.getLanguageServerAccess());
		List<DiagnosticResolution> resolutions = new ArrayList<>();
		RuleLogic logic = Rule.byId(codeOf(diagnostic)).map(Rule::logic).orElse(null);
		if (logic != null) {
			FindingSite site = new FindingSite(fix, endOffset);
			for (Remedy remedy : logic.remedies(site)) {
				WorkspaceResolution resolution = fix.resolution(remedy.label(), edits -> remedy.edits()
						.forEach(edit -> apply(edit, edits, fix)));
				resolutions.add(remedy.safe() ? resolution.markedSafe() : resolution);
			}
		}
		return resolutions;
	}

	// ------------------------------------------------------------ the rules' remedies, as edits

	private static void apply(Remedy.Edit edit, EditBuilder edits, Fix fix) {
		if (edit instanceof Remedy.ReplaceFinding replace) {
			edits.replace(fix.resource, fix.offset, fix.endOffset, replace.text());
		} else if (edit instanceof Remedy.DeleteFinding) {
			edits.delete(fix.resource, fix.offset, fix.endOffset);
		} else if (edit instanceof Remedy.ReplaceFeature replace) {
			edits.replaceFeature(replace.object(), replace.feature(), replace.text());
		} else if (edit instanceof Remedy.AppendToFeature append) {
			edits.appendToFeature(append.object(), append.feature(), append.text());
		} else if (edit instanceof Remedy.Delete delete) {
			edits.delete(delete.object().eResource(), offsetOf(delete.object()), endOffsetOf(delete.object()));
		} else if (edit instanceof Remedy.InsertIntoBlock insert) {
			edits.insertIntoBlock(insert.block(), insert.lines());
		} else if (edit instanceof Remedy.InsertAfter insert) {
			edits.insertAfter(insert.declaration(), insert.lines());
		}
	}

	/** What a rule's remedies read of one finding. */
	private final class FindingSite implements RemedySite {
		private final Fix fix;
		private final int endOffset;

		FindingSite(Fix fix, int endOffset) {
			this.fix = fix;
			this.endOffset = endOffset;
		}

		@Override
		public EObject object() {
			return fix.object;
		}

		@Override
		public String written() {
			String text = EditBuilder.textOf(fix.resource);
			return fix.offset <= endOffset && endOffset <= text.length() ? text.substring(fix.offset, endOffset) : "";
		}

		@Override
		public <R extends Record> R data(Class<R> type) {
			return IssueData.read(fix.data, type);
		}

		@Override
		public List<HopData> hops() {
			return fix.data.stream().map(HopData::decode).filter(java.util.Objects::nonNull).toList();
		}

		@Override
		public EObject resolve(String objectUri) {
			return TopologyQuickfixProvider.resolve(fix.resource, objectUri);
		}

		@Override
		public List<Model> folder() {
			return folder.modelsOf(fix.resource);
		}

		@Override
		public List<String> namesInScope() {
			return TopologyQuickfixProvider.this.namesInScope(fix);
		}
	}

	/** The names the cross-reference under the finding's first token could take. */
	private List<String> namesInScope(Fix fix) {
		if (fix.leaf == null || fix.object == null) {
			return List.of();
		}
		// The leaf is a token of the Name rule; the cross-reference is a few nodes up.
		CrossReference crossReference = null;
		for (INode node = fix.leaf; node != null && crossReference == null; node = node.getParent()) {
			crossReference = EcoreUtil2.getContainerOfType(node.getGrammarElement(), CrossReference.class);
		}
		if (crossReference == null) {
			return List.of();
		}
		EReference reference = GrammarUtil.getReference(crossReference);
		// In a list (a pool's members), a name already listed is no choice: it would be there twice.
		Set<String> listed = new java.util.HashSet<>();
		if (reference.isMany()) {
			for (INode node : NodeModelUtils.findNodesForFeature(fix.object, reference)) {
				if (node.getOffset() > fix.offset || node.getEndOffset() <= fix.offset) {
					listed.add(NodeModelUtils.getTokenText(node).toLowerCase(java.util.Locale.ROOT));
				}
			}
		}
		List<String> names = new ArrayList<>();
		for (IEObjectDescription description : scopeProvider.getScope(fix.object, reference).getAllElements()) {
			String name = nameConverter.toString(description.getName());
			if (!listed.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

	// ------------------------------------------------------------ helpers

	/** What one diagnostic's fixes work on. */
	private final class Fix {
		final XtextResource resource;
		final int offset;
		final int endOffset;
		final List<String> data;
		final EObject object;
		final ILeafNode leaf;
		final ILanguageServerAccess access;

		Fix(XtextResource resource, int offset, int endOffset, List<String> data, EObject object, ILeafNode leaf,
				ILanguageServerAccess access) {
			this.access = access;
			this.resource = resource;
			this.offset = offset;
			this.endOffset = endOffset;
			this.data = data;
			this.object = object;
			this.leaf = leaf;
		}

		String data(int index) {
			return index < data.size() && data.get(index) != null ? data.get(index) : "";
		}

		WorkspaceResolution replaceRange(String label, String text) {
			return resolution(label, edits -> edits.replace(resource, offset, endOffset, text));
		}

		WorkspaceResolution resolution(String label, java.util.function.Consumer<EditBuilder> edit) {
			EditBuilder edits = new EditBuilder(uris);
			edit.accept(edits);
			return new WorkspaceResolution(label, edits.build(access), false);
		}

		/** Marks the one resolution {@code ocstopo validate --fix} may apply unattended. */
		WorkspaceResolution safe(WorkspaceResolution resolution) {
			return resolution.markedSafe();
		}
	}

	private static EObject resolve(XtextResource resource, String uri) {
		try {
			return resource.getResourceSet().getEObject(URI.createURI(uri), true);
		} catch (RuntimeException notThere) {
			return null;
		}
	}

	private static int offsetOf(EObject object) {
		return NodeModelUtils.getNode(object).getOffset();
	}

	private static int endOffsetOf(EObject object) {
		return NodeModelUtils.getNode(object).getEndOffset();
	}

	static String codeOf(Diagnostic diagnostic) {
		if (diagnostic.getCode() == null) {
			return "";
		}
		return diagnostic.getCode().isLeft() ? diagnostic.getCode().getLeft() : String.valueOf(diagnostic.getCode().getRight());
	}

	/** Issue data: a String[] in process, a JSON array once it has crossed the protocol. */
	static List<String> dataOf(Diagnostic diagnostic) {
		Object data = diagnostic.getData();
		List<String> values = new ArrayList<>();
		if (data instanceof String[] array) {
			values.addAll(List.of(array));
		} else if (data instanceof JsonArray array) {
			for (JsonElement element : array) {
				values.add(element.isJsonNull() ? "" : element.getAsString());
			}
		} else if (data instanceof List<?> list) {
			list.forEach(v -> values.add(String.valueOf(v)));
		}
		return values;
	}
}
