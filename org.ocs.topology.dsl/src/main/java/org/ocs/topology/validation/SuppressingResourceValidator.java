package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.LineAndColumn;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.validation.AbstractInjectableValidator;
import org.eclipse.xtext.validation.CancelableDiagnostician;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.impl.ConcreteSyntaxEValidator;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;
import org.ocs.topology.policy.PolicyFiles;
import org.ocs.topology.policy.ProjectPolicy;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.topology.Model;

/**
 * Inline suppression: {@code // ocstopo-ignore <rule-id> <reason>} on the lines before a
 * declaration drops that rule's findings inside the declaration. A suppression without a reason or
 * with an unknown rule, or one that suppresses nothing, is itself a warning. Applied after all
 * checks, so it covers the command line and the language server alike.
 * <p>
 * {@code // ocstopo-ignore-file <rule-id> <reason>} anywhere in a file drops that rule's findings
 * in the whole file. Then the project policy ({@code ocstopo.json}, see {@link ProjectPolicy})
 * applies: a file it excludes has no findings, a rule it marks unsuppressible is not suppressed,
 * and its severities (or "off") replace the catalogue's. Mistakes in the policy are
 * {@code policy-invalid} findings on every file it governs.
 */
public class SuppressingResourceValidator extends ResourceValidatorImpl {

	public static final String MARKER = "ocstopo-ignore";

	public static final String FILE_MARKER = "ocstopo-ignore-file";

	private static final Pattern SUPPRESSION = Pattern
			.compile("^//\\s*" + MARKER + "(?:\\s+([^\\s]+))?(?:\\s+(.*?))?\\s*$");

	private static final Pattern FILE_SUPPRESSION = Pattern
			.compile("^//\\s*" + FILE_MARKER + "(?:\\s+([^\\s]+))?(?:\\s+(.*?))?\\s*$");

	/** One process, one cache of policy files (each re-read when it changes on disk). */
	private static final PolicyFiles POLICIES = new PolicyFiles();

	/** One suppression comment and the text range of the declaration after it (or of the file). */
	private record Suppression(ILeafNode comment, String ruleId, String reason, int start, int end, boolean wholeFile) {
	}

	/** The policy governing a resource read from a file; none for resources not on disk. */
	public static Optional<ProjectPolicy> policy(Resource resource) {
		if (resource.getURI() == null || !resource.getURI().isFile()) {
			return Optional.empty();
		}
		Path file = Path.of(resource.getURI().toFileString());
		ReadOnce once = resource.getResourceSet() == null ? null
				: (ReadOnce) org.eclipse.emf.ecore.util.EcoreUtil.getAdapter(resource.getResourceSet().eAdapters(), ReadOnce.class);
		return once != null ? once.policies.forFile(file) : POLICIES.forFile(file);
	}

	/**
	 * The files of this resource set are read once and never again (the command line, the Maven
	 * plugin): so are their policies, each folder's looked up once for all its files. Elsewhere
	 * (the language server) every validation looks again.
	 */
	public static PolicyFiles.Snapshot readPoliciesOnce(org.eclipse.emf.ecore.resource.ResourceSet resourceSet) {
		ReadOnce once = (ReadOnce) org.eclipse.emf.ecore.util.EcoreUtil.getAdapter(resourceSet.eAdapters(), ReadOnce.class);
		if (once == null) {
			once = new ReadOnce(POLICIES.snapshot());
			resourceSet.eAdapters().add(once);
		}
		return once.policies;
	}

	/** The policies of one reading of the disk, found through the resource set. */
	private static final class ReadOnce extends org.eclipse.emf.common.notify.impl.AdapterImpl {
		final PolicyFiles.Snapshot policies;

		ReadOnce(PolicyFiles.Snapshot policies) {
			this.policies = policies;
		}

		@Override
		public boolean isAdapterForType(Object type) {
			return type == ReadOnce.class;
		}
	}

	/** One reading of the policies, for a search of folders that happens before any resource set. */
	public static PolicyFiles.Snapshot policySnapshot() {
		return POLICIES.snapshot();
	}

	/**
	 * A policy file was created, changed or deleted (the language server hears it from the client):
	 * the next validation reads the policy files again.
	 */
	public static void policyFilesChanged() {
		POLICIES.forget();
	}

	@Override
	public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator indicator) {
		Optional<ProjectPolicy> policy = policy(resource);
		if (policy.isPresent() && policy.get().excludes(Path.of(resource.getURI().toFileString()))) {
			return List.of();
		}
		// A failure of the whole file's validation, outside every check's net (see failedValidation).
		CheckFailures.injectFault("file-validation");
		List<Issue> issues = suppress(resource, withoutCascades(resource, atMostSyntaxErrors(super.validate(resource, mode,
				indicator))), mode, policy);
		return policy.isEmpty() ? issues : apply(policy.get(), resource, issues);
	}

	/** More syntax errors than a person reads in one file: the rest are counted, not listed. */
	static final int SYNTAX_ERRORS_LISTED = 100;

	/**
	 * Bounded output for a file that is not .ocstopo text at all (a binary file, random bytes):
	 * its first syntax errors, then one finding that counts the others.
	 */
	private static List<Issue> atMostSyntaxErrors(List<Issue> issues) {
		List<Issue> syntax = issues.stream().filter(i -> Rule.SYNTAX_ERROR.id().equals(i.getCode()) && i.getOffset() != null)
				.sorted(java.util.Comparator.comparing(Issue::getOffset)).toList();
		if (syntax.size() <= SYNTAX_ERRORS_LISTED + 1) {
			return issues;
		}
		java.util.Set<Issue> unlisted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		unlisted.addAll(syntax.subList(SYNTAX_ERRORS_LISTED, syntax.size()));
		List<Issue> kept = new ArrayList<>();
		for (Issue issue : issues) {
			if (!unlisted.contains(issue)) {
				kept.add(issue);
			}
		}
		Issue.IssueImpl more = copy(syntax.get(SYNTAX_ERRORS_LISTED));
		more.setMessage((syntax.size() - SYNTAX_ERRORS_LISTED) + " more syntax errors from here on are not listed: is this"
				+ " an .ocstopo text file? Fix the ones above first; the rest may go with them.");
		kept.add(more);
		return kept;
	}

	/**
	 * One cause, one finding: a declaration the parser could only half read (a syntax error inside
	 * it) gets no findings of the other rules, which would judge what the typo left of it.
	 */
	private static List<Issue> withoutCascades(Resource resource, List<Issue> issues) {
		if (!(resource instanceof XtextResource xtext) || xtext.getParseResult() == null
				|| !xtext.getParseResult().hasSyntaxErrors()) {
			return issues;
		}
		List<int[]> broken = new ArrayList<>();
		ICompositeNode root = xtext.getParseResult().getRootNode();
		for (INode error : xtext.getParseResult().getSyntaxErrors()) {
			INode declaration = declarationNodeAt(root, error.getOffset());
			if (declaration != null && declaration.getOffset() == error.getOffset()) {
				// Told at a declaration's first word, the error is that the block before it lacks its
				// '}': that block was read to its last line, and this declaration whole.
				continue;
			}
			if (declaration != null) {
				broken.add(new int[] { declaration.getOffset(), declaration.getEndOffset() });
			}
		}
		List<Issue> kept = new ArrayList<>();
		for (Issue issue : issues) {
			boolean semantic = issue.getCode() != null && !Rule.SYNTAX_ERROR.id().equals(issue.getCode())
					&& !Rule.INTERNAL_ERROR.id().equals(issue.getCode()) && issue.getOffset() != null;
			if (semantic && broken.stream().anyMatch(range -> range[0] <= issue.getOffset() && issue.getOffset() < range[1])) {
				continue;
			}
			kept.add(issue);
		}
		return kept;
	}

	/** The node of the declaration (a member of the file or of a site) at an offset, if any. */
	private static INode declarationNodeAt(ICompositeNode root, int offset) {
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset);
		EObject object = leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
		while (object != null && object.eContainer() != null && !(object.eContainer() instanceof Model)
				&& !(object.eContainer() instanceof org.ocs.topology.topology.Site)) {
			object = object.eContainer();
		}
		if (object == null || object instanceof Model || object instanceof org.ocs.topology.topology.StrayText) {
			return null;
		}
		return NodeModelUtils.getNode(object);
	}

	/** The policy's severities and the findings of its own mistakes. */
	private static List<Issue> apply(ProjectPolicy policy, Resource resource, List<Issue> issues) {
		List<Issue> applied = new ArrayList<>();
		for (Issue issue : issues) {
			Optional<Rule> rule = issue.getCode() == null ? Optional.empty() : Rule.byId(issue.getCode());
			if (rule.isEmpty()) {
				applied.add(issue);
				continue;
			}
			Optional<org.ocs.topology.rules.Severity> severity = policy.severity(rule.get());
			if (severity.isEmpty()) {
				continue;
			}
			org.eclipse.xtext.diagnostics.Severity xtextSeverity = xtext(severity.get());
			if (issue.getSeverity() != xtextSeverity) {
				Issue.IssueImpl changed = copy(issue);
				changed.setSeverity(xtextSeverity);
				applied.add(changed);
			} else {
				applied.add(issue);
			}
		}
		for (ProjectPolicy.Problem problem : policy.problems()) {
			applied.add(policyInvalid(resource, problem));
		}
		return applied;
	}

	/**
	 * A mistake in the policy, reported on the governed file's first character (editors show
	 * diagnostics per document), with the policy file's own position in its data for the command line.
	 */
	private static Issue policyInvalid(Resource resource, ProjectPolicy.Problem problem) {
		Issue.IssueImpl issue = new Issue.IssueImpl();
		issue.setSeverity(xtext(Rule.POLICY_INVALID.severity()));
		issue.setCode(Rule.POLICY_INVALID.id());
		issue.setMessage("Project policy " + problem.file() + ":" + problem.line() + ":" + problem.column() + ": "
				+ problem.message());
		issue.setData(new String[] { problem.file().toString(), String.valueOf(problem.line()),
				String.valueOf(problem.column()), problem.message() });
		issue.setOffset(0);
		issue.setLength(0);
		issue.setLineNumber(1);
		issue.setColumn(1);
		issue.setLineNumberEnd(1);
		issue.setColumnEnd(1);
		issue.setUriToProblem(resource.getURI());
		issue.setType(CheckType.FAST);
		return issue;
	}

	private static Issue.IssueImpl copy(Issue issue) {
		Issue.IssueImpl copy = new Issue.IssueImpl();
		copy.setSeverity(issue.getSeverity());
		copy.setCode(issue.getCode());
		copy.setMessage(issue.getMessage());
		copy.setData(issue.getData());
		copy.setOffset(issue.getOffset());
		copy.setLength(issue.getLength());
		copy.setLineNumber(issue.getLineNumber());
		copy.setColumn(issue.getColumn());
		copy.setLineNumberEnd(issue.getLineNumberEnd());
		copy.setColumnEnd(issue.getColumnEnd());
		copy.setUriToProblem(issue.getUriToProblem());
		copy.setType(issue.getType());
		copy.setSyntaxError(issue.isSyntaxError());
		return copy;
	}

	private List<Issue> suppress(Resource resource, List<Issue> issues, CheckMode mode, Optional<ProjectPolicy> policy) {
		if (!(resource instanceof XtextResource xtext) || xtext.getParseResult() == null) {
			return issues;
		}
		List<Suppression> suppressions = suppressions(xtext.getParseResult().getRootNode());
		if (suppressions.isEmpty()) {
			return issues;
		}
		List<Issue> kept = new ArrayList<>();
		boolean[] used = new boolean[suppressions.size()];
		boolean[] forbidden = new boolean[suppressions.size()];
		for (int i = 0; i < suppressions.size(); i++) {
			Optional<Rule> rule = suppressions.get(i).ruleId() == null ? Optional.empty()
					: Rule.byId(suppressions.get(i).ruleId());
			forbidden[i] = rule.isPresent() && policy.isPresent() && policy.get().unsuppressible(rule.get());
		}
		for (Issue issue : issues) {
			int index = suppressing(suppressions, forbidden, issue);
			if (index >= 0) {
				used[index] = true;
			} else {
				kept.add(issue);
			}
		}
		boolean complete = mode.shouldCheck(CheckType.NORMAL);
		for (int i = 0; i < suppressions.size(); i++) {
			Suppression suppression = suppressions.get(i);
			String marker = suppression.wholeFile() ? FILE_MARKER : MARKER;
			if (forbidden[i]) {
				kept.add(warning(resource, suppression, Rule.SUPPRESSION_INVALID, "The project policy "
						+ policy.get().file() + " does not allow suppressing " + suppression.ruleId()
						+ " ('unsuppressible'), so this comment suppresses nothing: fix the finding instead."));
			} else if (suppression.ruleId() == null || Rule.byId(suppression.ruleId()).isEmpty()) {
				kept.add(warning(resource, suppression, Rule.SUPPRESSION_INVALID, "'" + marker + "' needs a known rule ID"
						+ (suppression.ruleId() == null ? "" : " ('" + suppression.ruleId() + "' is none)")
						+ " and a reason, e.g. '// " + marker + " gateway-multiple the second NIC is for backups'."));
			} else if (suppression.reason() == null || suppression.reason().isBlank()) {
				kept.add(warning(resource, suppression, Rule.SUPPRESSION_INVALID, "Suppressing " + suppression.ruleId()
						+ " needs a reason after the rule ID: say why the finding does not apply here."));
			} else if (complete && !used[i]) {
				kept.add(warning(resource, suppression, Rule.SUPPRESSION_UNUSED, "Nothing to suppress: "
						+ (suppression.wholeFile() ? "this file" : "the declaration after this comment")
						+ " has no " + suppression.ruleId() + " finding; remove the comment."));
			}
		}
		return kept;
	}

	/**
	 * Fail closed one level up: anything that escapes the checks (the EMF diagnostician, a validator
	 * outside the {@code @Check} dispatch) would abort the whole file and be only logged by Xtext,
	 * leaving no finding at all. Here it becomes an {@code internal-error} finding on the file's root.
	 */
	@Override
	protected void validate(Resource resource, EObject element, CheckMode mode, CancelIndicator monitor,
			IAcceptor<Issue> acceptor) {
		List<Issue> issues = new ArrayList<>();
		try {
			Map<Object, Object> options = new HashMap<>();
			options.put(CheckMode.KEY, mode);
			options.put(CancelableDiagnostician.CANCEL_INDICATOR, monitor);
			// A model parsed from text complies with the concrete syntax, or there are syntax errors.
			options.put(ConcreteSyntaxEValidator.DISABLE_CONCRETE_SYNTAX_EVALIDATOR, Boolean.TRUE);
			options.put(EValidator.class, getDiagnostician());
			if (resource instanceof XtextResource xtext) {
				options.put(AbstractInjectableValidator.CURRENT_LANGUAGE_NAME, xtext.getLanguageName());
			}
			// What Diagnostician.validate(element, options) does, without its root diagnostic's label: EMF
			// formats "Diagnosis of <the object and its URI>" for every file, and nothing reads it (only
			// the children are findings): 2.5% of validating 5,000 one-server files.
			BasicDiagnostic diagnostic = new BasicDiagnostic(Diagnostic.OK, "org.ocs.topology", 0, "", new Object[] { element });
			Map<Object, Object> context = getDiagnostician().createDefaultContext();
			context.putAll(options);
			getDiagnostician().validate(element, diagnostic, context);
			for (Diagnostic child : diagnostic.getChildren().isEmpty() ? List.of(diagnostic) : diagnostic.getChildren()) {
				issueFromEValidatorDiagnostic(child, issues::add);
			}
		} catch (RuntimeException | Error failure) {
			getOperationCanceledManager().propagateAsErrorIfCancelException(failure);
			if (!CheckFailures.isCheckFailure(failure)) {
				throw failure;
			}
			// What was found before the failure is lost with the diagnostician's result.
			issues.clear();
			String check = "validation";
			CheckFailures.log(check, resource, failure);
			issues.add(internalError(resource, element, CheckFailures.message(check, resource, failure)));
		}
		issues.forEach(acceptor::accept);
	}

	/**
	 * The finding for a file whose validation failed as a whole (something escaped even the
	 * per-object net above): an {@code internal-error} on the file's first declaration, so that a
	 * caller that validates outside Xtext's build (the language server) fails closed too.
	 * Cancellation and out of memory are not failures of a check: they are thrown on.
	 */
	public static Issue failedValidation(Resource resource, RuntimeException failure) {
		if (!CheckFailures.isCheckFailure(failure)) {
			throw failure;
		}
		String check = "validation";
		CheckFailures.log(check, resource, failure);
		EObject root = resource.getContents().isEmpty() ? null : resource.getContents().get(0);
		return internalError(resource, root, CheckFailures.message(check, resource, failure));
	}

	/** An internal-error finding at an object, or at the file's start when there is none. */
	private static Issue internalError(Resource resource, EObject element, String message) {
		Issue.IssueImpl issue = new Issue.IssueImpl();
		issue.setSeverity(xtext(Rule.INTERNAL_ERROR.severity()));
		issue.setCode(Rule.INTERNAL_ERROR.id());
		issue.setMessage(message);
		ICompositeNode node = element == null ? null : NodeModelUtils.getNode(element);
		int offset = node == null ? 0 : node.getOffset();
		LineAndColumn start = node == null ? LineAndColumn.from(1, 1) : NodeModelUtils.getLineAndColumn(node, offset);
		issue.setOffset(offset);
		issue.setLength(0);
		issue.setLineNumber(start.getLine());
		issue.setColumn(start.getColumn());
		issue.setLineNumberEnd(start.getLine());
		issue.setColumnEnd(start.getColumn());
		issue.setUriToProblem(element != null && element.eResource() != null ? EcoreUtil.getURI(element) : resource.getURI());
		issue.setType(CheckType.FAST);
		return issue;
	}

	private static int suppressing(List<Suppression> suppressions, boolean[] forbidden, Issue issue) {
		if (issue.getCode() == null || issue.getOffset() == null) {
			return -1;
		}
		for (int i = 0; i < suppressions.size(); i++) {
			Suppression suppression = suppressions.get(i);
			if (!forbidden[i] && issue.getCode().equals(suppression.ruleId()) && suppression.reason() != null
					&& !suppression.reason().isBlank() && issue.getOffset() >= suppression.start()
					&& issue.getOffset() < suppression.end()) {
				return i;
			}
		}
		return -1;
	}

	private static List<Suppression> suppressions(ICompositeNode root) {
		List<Suppression> suppressions = new ArrayList<>();
		if (!root.getText().contains(MARKER)) {
			// Both markers start with it: a file without it has no suppression, and its leaves need no walk.
			return suppressions;
		}
		List<ILeafNode> leaves = new ArrayList<>();
		root.getLeafNodes().forEach(leaves::add);
		for (int i = 0; i < leaves.size(); i++) {
			ILeafNode leaf = leaves.get(i);
			if (!leaf.isHidden() || !leaf.getText().startsWith("//")) {
				continue;
			}
			Matcher whole = FILE_SUPPRESSION.matcher(leaf.getText().strip());
			if (whole.matches()) {
				suppressions.add(new Suppression(leaf, whole.group(1), whole.group(2), 0, root.getTotalEndOffset(), true));
				continue;
			}
			Matcher matcher = SUPPRESSION.matcher(leaf.getText().strip());
			if (!matcher.matches()) {
				continue;
			}
			int[] range = rangeAfter(leaves, i);
			int start = range == null ? leaf.getEndOffset() : range[0];
			int end = range == null ? leaf.getEndOffset() : range[1];
			suppressions.add(new Suppression(leaf, matcher.group(1), matcher.group(2), start, end, false));
		}
		return suppressions;
	}

	/**
	 * What a suppression covers: the outermost declaration that starts at the first token after
	 * the comment, or, when that token starts no declaration (a "servers ..." line inside a pool),
	 * the rest of that line.
	 */
	private static int[] rangeAfter(List<ILeafNode> leaves, int commentIndex) {
		INode declaration = declarationAfter(leaves, commentIndex);
		if (declaration != null) {
			return new int[] { declaration.getOffset(), declaration.getEndOffset() };
		}
		for (int j = commentIndex + 1; j < leaves.size(); j++) {
			ILeafNode next = leaves.get(j);
			if (!next.isHidden()) {
				String text = next.getRootNode().getText();
				int lineEnd = text.indexOf('\n', next.getOffset());
				return new int[] { next.getOffset(), lineEnd < 0 ? text.length() : lineEnd };
			}
		}
		return null;
	}

	/** The node of the outermost declaration that starts at the first token after the comment. */
	private static INode declarationAfter(List<ILeafNode> leaves, int commentIndex) {
		for (int j = commentIndex + 1; j < leaves.size(); j++) {
			ILeafNode next = leaves.get(j);
			if (next.isHidden()) {
				continue;
			}
			EObject object = NodeModelUtils.findActualSemanticObjectFor(next);
			ICompositeNode best = null;
			while (object != null && !(object instanceof Model)) {
				ICompositeNode node = NodeModelUtils.getNode(object);
				if (node == null || node.getOffset() != next.getOffset()) {
					break;
				}
				best = node;
				object = object.eContainer();
			}
			return best;
		}
		return null;
	}

	private static Issue warning(Resource resource, Suppression suppression, Rule rule, String message) {
		Issue.IssueImpl issue = new Issue.IssueImpl();
		ILeafNode comment = suppression.comment();
		int length = comment.getText().stripTrailing().length();
		LineAndColumn start = NodeModelUtils.getLineAndColumn(comment, comment.getOffset());
		issue.setSeverity(xtext(rule.severity()));
		issue.setCode(rule.id());
		issue.setMessage(message);
		issue.setOffset(comment.getOffset());
		issue.setLength(length);
		issue.setLineNumber(start.getLine());
		issue.setColumn(start.getColumn());
		issue.setLineNumberEnd(start.getLine());
		issue.setColumnEnd(start.getColumn() + length);
		EObject semantic = NodeModelUtils.findActualSemanticObjectFor(comment);
		issue.setUriToProblem(semantic != null ? EcoreUtil.getURI(semantic) : resource.getURI());
		issue.setType(CheckType.NORMAL);
		return issue;
	}

	/** A catalogue severity in Xtext's terms. */
	static org.eclipse.xtext.diagnostics.Severity xtext(org.ocs.topology.rules.Severity severity) {
		return switch (severity) {
			case ERROR -> org.eclipse.xtext.diagnostics.Severity.ERROR;
			case WARNING -> org.eclipse.xtext.diagnostics.Severity.WARNING;
			case INFO -> org.eclipse.xtext.diagnostics.Severity.INFO;
		};
	}
}
