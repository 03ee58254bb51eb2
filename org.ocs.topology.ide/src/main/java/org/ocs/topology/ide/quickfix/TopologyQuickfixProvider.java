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

	private static final Set<String> HANDLED = Set.of(Rule.UNRESOLVED_REFERENCE.id(), Rule.SUBNET_HOST_BITS.id(),
			Rule.PREFIX_UNEXPECTED.id(), Rule.PREFIX_MISMATCH.id(), Rule.LOOKUP_OVER_MPOP.id(), Rule.POOL_TRAFFIC_HAIRPIN.id(),
			Rule.POOL_TRAFFIC_ASYMMETRIC.id(), Rule.VIP_PORTS_MISSING.id(), Rule.POOL_VIP_SOURCE_KEPT.id(),
			Rule.SIPINTERNALTLS_SRV_MULTIPLE.id(), Rule.SUPPRESSION_UNUSED.id(),
			Rule.GATEWAY_NOT_FLOATING.id(), Rule.GATEWAY_UNDECLARED.id());

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
		return HANDLED.contains(codeOf(diagnostic))
				|| Rule.byId(codeOf(diagnostic)).map(rule -> rule.fixable() && rule.logic() != null).orElse(false);
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
			return resolutions;
		}
		switch (codeOf(diagnostic)) {
			case "unresolved-reference" -> closestNames(fix, resolutions);
			case "subnet-host-bits", "prefix-unexpected" -> {
				if (!fix.data(0).isEmpty()) {
					// Same meaning, canonical text: nothing to choose.
					resolutions.add(fix.safe(fix.replaceRange("Write " + fix.data(0), fix.data(0))));
				}
			}
			case "prefix-mismatch" -> {
				String written = EditBuilder.textOf(resource).substring(offset, endOffset);
				int slash = written.indexOf('/');
				if (slash > 0) {
					resolutions.add(fix.replaceRange("Take the prefix length from the subnet: write "
							+ written.substring(0, slash), written.substring(0, slash)));
				}
			}
			// The floating self IP of the same subnet is the one remedy: the route stays, only its next hop moves.
			case "gateway-not-floating" -> {
				if (!fix.data(0).isEmpty()) {
					resolutions.add(fix.safe(fix.replaceRange("Use the floating self IP " + fix.data(0), fix.data(0))));
				}
			}
			case "gateway-undeclared" -> {
				// One choice per routing address on the subnet; never safe: the address may be a router
				// that is simply not declared yet.
				for (String candidate : fix.data) {
					String[] parts = candidate.split(" ", 2);
					if (parts.length == 2) {
						resolutions.add(fix.replaceRange("Use " + parts[0] + " (" + parts[1] + ")", parts[0]));
					}
				}
			}
			case "lookup-over-mpop" -> raiseMpop(fix, resolutions);
			case "pool-traffic-hairpin", "pool-traffic-asymmetric" -> poolTraffic(fix, resolutions);
			case "vip-ports-missing" -> {
				if (object instanceof StandardVirtualServer vs && !fix.data.isEmpty()) {
					String ports = String.join(", ", fix.data);
					// The ports are the ones Microsoft lists for the pool's VIP; nothing else changes.
					resolutions.add(fix.safe(fix.resolution("Add ports tcp " + ports + " to virtual server " + vs.getName(),
							edits -> edits.insertIntoBlock(vs, List.of("ports tcp " + ports)))));
				}
			}
			case "pool-vip-source-kept" -> {
				StandardVirtualServer vs = EcoreUtil2.getContainerOfType(object, StandardVirtualServer.class);
				if (object instanceof SourceTranslation translation) {
					resolutions.add(fix.resolution("Translate the source with automap (SNAT)",
							edits -> edits.replaceFeature(translation, P.getSourceTranslation_Kind(), "automap")));
				} else if (vs != null) {
					resolutions.add(fix.resolution("Add 'source translation automap' (SNAT) to " + vs.getName(),
							edits -> edits.insertIntoBlock(vs, List.of("source translation automap"))));
				}
			}
			case "sipinternaltls-srv-multiple" -> {
				if (object instanceof SrvRecord record) {
					resolutions.add(fix.resolution("Remove this SRV record (to " + record.getTarget() + ")",
							edits -> edits.delete(resource, offsetOf(record), endOffsetOf(record))));
				}
			}
			case "suppression-unused" -> resolutions.add(fix.resolution("Remove the suppression comment",
					edits -> edits.delete(resource, offset, endOffset)));
			default -> {
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
		List<String> names = new ArrayList<>();
		for (IEObjectDescription description : scopeProvider.getScope(fix.object, reference).getAllElements()) {
			names.add(nameConverter.toString(description.getName()));
		}
		return names;
	}

	// ------------------------------------------------------------ the remedies

	private void closestNames(Fix fix, List<DiagnosticResolution> resolutions) {
		if (fix.leaf == null || fix.object == null) {
			return;
		}
		// The leaf is a token of the Name rule; the cross-reference is a few nodes up.
		CrossReference crossReference = null;
		for (INode node = fix.leaf; node != null && crossReference == null; node = node.getParent()) {
			crossReference = EcoreUtil2.getContainerOfType(node.getGrammarElement(), CrossReference.class);
		}
		if (crossReference == null) {
			return;
		}
		EReference reference = GrammarUtil.getReference(crossReference);
		String written = fix.data(0).isEmpty() ? NodeModelUtils.getTokenText(fix.leaf) : fix.data(0);
		List<String> candidates = new ArrayList<>();
		for (IEObjectDescription description : scopeProvider.getScope(fix.object, reference).getAllElements()) {
			candidates.add(nameConverter.toString(description.getName()));
		}
		Similarity.closest(written, candidates).stream().limit(3)
				.forEach(name -> resolutions.add(fix.replaceRange("Change to '" + name + "'", name)));
	}

	private void raiseMpop(Fix fix, List<DiagnosticResolution> resolutions) {
		String registrations = fix.data(1);
		String scope = fix.data(2);
		String homePool = fix.data(4);
		boolean scopedSettings = !"ocs2007r2".equals(fix.data(5));
		if (!registrations.matches("[0-9]{1,9}") || !DomainLimits.isValidEndpointsPerUser(Integer.parseInt(registrations))) {
			// Beyond what the registrar accepts no setting makes room: nothing to offer.
			return;
		}
		List<String> poolSetting = List.of("registrar pool " + homePool + " {", "    max endpoints per user " + registrations,
				"}");
		if (fix.object instanceof RegistrarSetting setting) {
			// Raising the setting that governs the home pool is the field report's remedy; it never lowers.
			resolutions.add(fix.safe(fix.replaceRange("Set max endpoints per user to " + registrations + " ("
					+ scope.toLowerCase() + " setting)", registrations)));
			if (scopedSettings && !"POOL".equals(scope) && !homePool.isEmpty()) {
				resolutions.add(fix.resolution("Add a registrar setting of " + registrations + " for pool " + homePool
						+ " only", edits -> edits.insertAfter(declarationOf(setting), poolSetting)));
			}
		} else if (fix.object != null && EcoreUtil2.getContainerOfType(fix.object, LookupAccount.class) != null) {
			EObject anchor = declarationOf(fix.object);
			if (scopedSettings && !homePool.isEmpty()) {
				resolutions.add(fix.resolution("Add a registrar setting of " + registrations + " for pool " + homePool,
						edits -> edits.insertAfter(anchor, poolSetting)));
			}
			resolutions.add(fix.resolution("Add a global registrar setting of " + registrations,
					edits -> edits.insertAfter(anchor,
							List.of("registrar global {", "    max endpoints per user " + registrations, "}"))));
		}
	}

	private void poolTraffic(Fix fix, List<DiagnosticResolution> resolutions) {
		// The senders the finding tells of, comma-separated: one finding per cause lists every pair it breaks.
		List<String> from = List.of(fix.data(1).split(","));
		String to = fix.data(2);
		String sameSubnet = fix.data(3);
		String method = fix.data(4);
		if (!sameSubnet.isEmpty()) {
			// A hosts entry is the fix when DNS misleads; when the sender's hosts file already names
			// the peer, that entry is pointed at the right address instead (a second one would not help).
			List<Server> senders = from.stream().map(name -> serverNamed(fix.resource, name)).toList();
			if (!senders.contains(null) && !"HOSTS_FILE".equals(method)) {
				// Safe: it changes only how the senders resolve their peer; DNS and the balancer, which
				// every client uses, stay as they are.
				String on = from.size() == 1 ? from.get(0) : String.join(", ", from.subList(0, from.size() - 1)) + " and "
						+ from.get(from.size() - 1);
				resolutions.add(fix.safe(fix.resolution("Add a hosts entry on " + on + ": " + to + " -> " + sameSubnet,
						edits -> senders.forEach(sender -> edits.insertIntoBlock(sender,
								List.of("hosts " + to + " -> " + sameSubnet))))));
			}
			if ("DNS".equals(method) && fix.object instanceof ARecord record) {
				resolutions.add(fix.resolution("Point the A record of " + record.getHost() + " at " + sameSubnet
						+ " (its address on " + (from.size() == 1 ? from.get(0) + "'s subnet" : "the senders' subnet") + ")",
						edits -> edits.replaceFeature(record, P.getARecord_Address(), sameSubnet)));
			}
			if ("HOSTS_FILE".equals(method) && fix.object instanceof HostsEntry entry) {
				resolutions.add(fix.resolution("Point the hosts entry of " + entry.getHostName() + " at " + sameSubnet,
						edits -> edits.replaceFeature(entry, P.getHostsEntry_Address(), sameSubnet)));
			}
		}
		// Keep the source address where the balancer translates it, as the trace shows.
		for (String entry : fix.data.subList(Math.min(5, fix.data.size()), fix.data.size())) {
			HopData hop = HopData.decode(entry);
			EObject declaration = hop == null ? null : resolve(fix.resource, hop.objectUri());
			VirtualServer vs = EcoreUtil2.getContainerOfType(declaration, VirtualServer.class);
			if (vs == null || !(declaration instanceof SourceTranslation || declaration instanceof VirtualServer)) {
				continue;
			}
			String label = vs instanceof ForwardingVirtualServer
					? "Keep the source address on forwarding virtual server " + vs.getName() + " (source translation none)"
					: "Keep the source address on virtual server " + vs.getName()
							+ " (source translation none; Microsoft supports only SNAT on an OCS 2007 R2 pool VIP)";
			if (declaration instanceof SourceTranslation translation && translation.getKind() != TranslationKind.NONE) {
				resolutions.add(fix.resolution(label,
						edits -> edits.replaceFeature(translation, P.getSourceTranslation_Kind(), "none")));
			}
			break;
		}
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

	private Server serverNamed(XtextResource resource, String name) {
		for (Model model : folder.modelsOf(resource)) {
			for (Server server : EcoreUtil2.getAllContentsOfType(model, Server.class)) {
				if (name.equalsIgnoreCase(server.getName())) {
					return server;
				}
			}
		}
		return null;
	}

	private static EObject resolve(XtextResource resource, String uri) {
		try {
			return resource.getResourceSet().getEObject(URI.createURI(uri), true);
		} catch (RuntimeException notThere) {
			return null;
		}
	}

	/** The declaration (a member of a file or of a site) that contains an object. */
	private static EObject declarationOf(EObject object) {
		EObject current = object;
		while (current.eContainer() != null && !(current.eContainer() instanceof Model)
				&& !(current.eContainer() instanceof Site)) {
			current = current.eContainer();
		}
		return current instanceof Declaration || current.eContainer() instanceof Site ? current : object;
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
