package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.ocs.topology.rules.Rule;
import org.ocs.topology.topology.Model;

/**
 * Inline suppression: {@code // ocstopo-ignore <rule-id> <reason>} on the lines before a
 * declaration drops that rule's findings inside the declaration. A suppression without a reason or
 * with an unknown rule, or one that suppresses nothing, is itself a warning. Applied after all
 * checks, so it covers the command line and the language server alike.
 */
public class SuppressingResourceValidator extends ResourceValidatorImpl {

	public static final String MARKER = "ocstopo-ignore";

	private static final Pattern SUPPRESSION = Pattern
			.compile("^//\\s*" + MARKER + "(?:\\s+([^\\s]+))?(?:\\s+(.*?))?\\s*$");

	/** One suppression comment and the text range of the declaration after it. */
	private record Suppression(ILeafNode comment, String ruleId, String reason, int start, int end) {
	}

	@Override
	public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator indicator) {
		List<Issue> issues = super.validate(resource, mode, indicator);
		if (!(resource instanceof XtextResource xtext) || xtext.getParseResult() == null) {
			return issues;
		}
		List<Suppression> suppressions = suppressions(xtext.getParseResult().getRootNode());
		if (suppressions.isEmpty()) {
			return issues;
		}
		List<Issue> kept = new ArrayList<>();
		boolean[] used = new boolean[suppressions.size()];
		for (Issue issue : issues) {
			int index = suppressing(suppressions, issue);
			if (index >= 0) {
				used[index] = true;
			} else {
				kept.add(issue);
			}
		}
		boolean complete = mode.shouldCheck(CheckType.NORMAL);
		for (int i = 0; i < suppressions.size(); i++) {
			Suppression suppression = suppressions.get(i);
			if (suppression.ruleId() == null || Rule.byId(suppression.ruleId()).isEmpty()) {
				kept.add(warning(resource, suppression, Rule.SUPPRESSION_INVALID, "'" + MARKER + "' needs a known rule ID"
						+ (suppression.ruleId() == null ? "" : " ('" + suppression.ruleId() + "' is none)")
						+ " and a reason, e.g. '// " + MARKER + " gateway-multiple the second NIC is for backups'."));
			} else if (suppression.reason() == null || suppression.reason().isBlank()) {
				kept.add(warning(resource, suppression, Rule.SUPPRESSION_INVALID, "Suppressing " + suppression.ruleId()
						+ " needs a reason after the rule ID: say why the finding does not apply here."));
			} else if (complete && !used[i]) {
				kept.add(warning(resource, suppression, Rule.SUPPRESSION_UNUSED, "Nothing to suppress: the declaration"
						+ " after this comment has no " + suppression.ruleId() + " finding; remove the comment."));
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
			Diagnostic diagnostic = getDiagnostician().validate(element, options);
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

	private static Issue internalError(Resource resource, EObject element, String message) {
		Issue.IssueImpl issue = new Issue.IssueImpl();
		issue.setSeverity(org.eclipse.xtext.diagnostics.Severity.ERROR);
		issue.setCode(Rule.INTERNAL_ERROR.id());
		issue.setMessage(message);
		ICompositeNode node = NodeModelUtils.getNode(element);
		int offset = node == null ? 0 : node.getOffset();
		LineAndColumn start = node == null ? LineAndColumn.from(1, 1) : NodeModelUtils.getLineAndColumn(node, offset);
		issue.setOffset(offset);
		issue.setLength(0);
		issue.setLineNumber(start.getLine());
		issue.setColumn(start.getColumn());
		issue.setLineNumberEnd(start.getLine());
		issue.setColumnEnd(start.getColumn());
		issue.setUriToProblem(element.eResource() != null ? EcoreUtil.getURI(element) : resource.getURI());
		issue.setType(CheckType.FAST);
		return issue;
	}

	private static int suppressing(List<Suppression> suppressions, Issue issue) {
		if (issue.getCode() == null || issue.getOffset() == null) {
			return -1;
		}
		for (int i = 0; i < suppressions.size(); i++) {
			Suppression suppression = suppressions.get(i);
			if (issue.getCode().equals(suppression.ruleId()) && suppression.reason() != null
					&& !suppression.reason().isBlank() && issue.getOffset() >= suppression.start()
					&& issue.getOffset() < suppression.end()) {
				return i;
			}
		}
		return -1;
	}

	private static List<Suppression> suppressions(ICompositeNode root) {
		List<Suppression> suppressions = new ArrayList<>();
		List<ILeafNode> leaves = new ArrayList<>();
		root.getLeafNodes().forEach(leaves::add);
		for (int i = 0; i < leaves.size(); i++) {
			ILeafNode leaf = leaves.get(i);
			if (!leaf.isHidden() || !leaf.getText().startsWith("//")) {
				continue;
			}
			Matcher matcher = SUPPRESSION.matcher(leaf.getText().strip());
			if (!matcher.matches()) {
				continue;
			}
			int[] range = rangeAfter(leaves, i);
			int start = range == null ? leaf.getEndOffset() : range[0];
			int end = range == null ? leaf.getEndOffset() : range[1];
			suppressions.add(new Suppression(leaf, matcher.group(1), matcher.group(2), start, end));
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
		issue.setSeverity(org.eclipse.xtext.diagnostics.Severity.WARNING);
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
}
