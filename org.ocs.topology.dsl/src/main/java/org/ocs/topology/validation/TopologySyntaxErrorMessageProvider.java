package org.ocs.topology.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.antlr.runtime.EarlyExitException;
import org.antlr.runtime.MismatchedTokenException;
import org.antlr.runtime.MissingTokenException;
import org.antlr.runtime.NoViableAltException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.antlr.runtime.UnwantedTokenException;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractElement;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.EnumRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Group;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.ocs.topology.rules.Rule;

import com.google.inject.Inject;

/**
 * Syntax errors in the language's own words, with their rule ID: never the grammar's internals
 * (RULE_INT, "missing EOF", "no viable alternative"). Where a word from a fixed list belongs (the
 * values of 'source translation', 'product', 'ports'), the message lists them; a keyword in the
 * wrong case is named in the right one.
 */
public class TopologySyntaxErrorMessageProvider extends SyntaxErrorMessageProvider {

	/** The words a terminal stands for, as a user would say them. */
	private static final Map<String, String> TERMINALS = Map.of("RULE_INT", "a number", "RULE_ADDRESS",
			"an IPv4 address", "RULE_FQDN", "a name", "RULE_ID", "a name", "RULE_SIP_URI",
			"a SIP URI (sip:name@domain)", "EOF", "the end of the file");

	private static final String DECLARATIONS = "a declaration starts with topology, site, subnet, server, router, a pool"
			+ " (enterprise, standard edition, director, edge, mediation, group chat), load balancer, registrar or dns";

	private final Map<String, List<String>> wordsAfterKeyword = new HashMap<>();
	private final Set<String> keywords = new LinkedHashSet<>();

	@Inject
	private IGrammarAccess grammarAccess;

	private boolean read;

	/** The grammar's keywords and enum words, read at the first syntax error (a clean file needs none). */
	private synchronized void readGrammar() {
		if (read) {
			return;
		}
		read = true;
		keywords.addAll(GrammarUtil.getAllKeywords(grammarAccess.getGrammar()));
		// For each place an enum is assigned right after a keyword ('translation' automap), its words.
		grammarAccess.getGrammar().eAllContents().forEachRemaining(element -> {
			if (element instanceof Assignment assignment && assignment.getTerminal() instanceof RuleCall call
					&& call.getRule() instanceof EnumRule enumRule) {
				Keyword before = keywordBefore(assignment);
				if (before != null) {
					List<String> words = new ArrayList<>();
					for (EObject literal : enumRule.getAlternatives().eContents().isEmpty()
							? List.of(enumRule.getAlternatives()) : enumRule.getAlternatives().eContents()) {
						if (literal instanceof EnumLiteralDeclaration declaration) {
							words.add(declaration.getLiteral().getValue());
						}
					}
					wordsAfterKeyword.merge(before.getValue(), words, (a, b) -> {
						List<String> all = new ArrayList<>(a);
						b.stream().filter(w -> !all.contains(w)).forEach(all::add);
						return all;
					});
				}
			}
		});
	}

	/** The keyword right before an element in its group, looking through nested groups' starts. */
	private static Keyword keywordBefore(AbstractElement element) {
		EObject current = element;
		while (current.eContainer() instanceof AbstractElement container) {
			if (container instanceof Group group) {
				int index = group.getElements().indexOf(current);
				if (index > 0 && group.getElements().get(index - 1) instanceof Keyword keyword) {
					return keyword;
				}
				if (index > 0) {
					return null;
				}
			}
			current = container;
		}
		return null;
	}

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		SyntaxErrorMessage original = super.getSyntaxErrorMessage(context);
		String message;
		try {
			message = describe(context);
		} catch (RuntimeException unexpected) {
			// Only the wording failed: the syntax error is still reported, in the parser's words made
			// readable; the failure goes to the log like a failed check's.
			CheckFailures.LOG.error("Could not word a syntax error", unexpected);
			message = null;
		}
		return new SyntaxErrorMessage(message != null ? message : readable(original.getMessage()), Rule.SYNTAX_ERROR.id(),
				original.getIssueData());
	}

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IValueConverterErrorContext context) {
		SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
		return new SyntaxErrorMessage(readable(message.getMessage()), Rule.SYNTAX_ERROR.id(), message.getIssueData());
	}

	private String describe(IParserErrorContext context) {
		readGrammar();
		RecognitionException exception = context.getRecognitionException();
		Token token = exception == null ? null : exception.token;
		String found = token == null || token.getType() == Token.EOF ? null : token.getText();
		String shown = found == null ? "the end of the file" : "'" + org.ocs.topology.parser.Words.printable(found) + "'";
		String hint = hint(found, context);
		int expecting = exception instanceof MismatchedTokenException mismatched ? mismatched.expecting : Integer.MIN_VALUE;
		if (expecting == Token.EOF) {
			// The parser ended the declaration before this token: what follows must start another one.
			return "Unexpected " + shown + ": the declaration before it has ended; " + DECLARATIONS + "." + hint;
		}
		if (exception instanceof MissingTokenException) {
			String what = expected(context, expecting);
			return (what == null ? shown + " is not expected here." : capitalized(what) + " is missing before " + shown + ".")
					+ hint;
		}
		if (exception instanceof UnwantedTokenException) {
			return shown + " is not expected here." + hint;
		}
		if (exception instanceof MismatchedTokenException) {
			String what = expected(context, expecting);
			return (what == null ? shown + " is not expected here." : "Expected " + what + ", not " + shown + ".") + hint;
		}
		if (exception instanceof NoViableAltException || exception instanceof EarlyExitException) {
			List<String> words = wordsAfter(context);
			if (!words.isEmpty()) {
				return shown + " is not one of the words that can follow here: write " + orList(words) + "." + hint;
			}
			return shown + " is not expected here." + hint;
		}
		return null;
	}

	/**
	 * The enum words that may follow the keyword just before the error, if it is one. The word
	 * before is read from the token stream (a step or two back), not from the node model (a walk
	 * of the whole file per error, which made a file of random bytes quadratic).
	 */
	private List<String> wordsAfter(IParserErrorContext context) {
		RecognitionException exception = context.getRecognitionException();
		if (exception == null || !(exception.input instanceof org.antlr.runtime.TokenStream tokens)) {
			return List.of();
		}
		for (int i = Math.min(exception.index, tokens.size()) - 1; i >= 0; i--) {
			Token previous = tokens.get(i);
			if (previous.getChannel() == Token.DEFAULT_CHANNEL) {
				return wordsAfterKeyword.getOrDefault(previous.getText(), List.of());
			}
		}
		return List.of();
	}

	/** A keyword written in another case, or a netmask where a prefix length belongs. */
	private String hint(String found, IParserErrorContext context) {
		if (found == null) {
			return "";
		}
		String lower = found.toLowerCase(Locale.ROOT);
		if (!found.equals(lower) && keywords.contains(lower)) {
			return " Keywords are lower case: write '" + lower + "'.";
		}
		return "";
	}

	private String expected(IParserErrorContext context, int type) {
		String[] names = context.getTokenNames();
		String name = names != null && type >= 0 && type < names.length ? names[type] : null;
		if (name == null) {
			return null;
		}
		if (TERMINALS.containsKey(name)) {
			return TERMINALS.get(name);
		}
		return name.startsWith("'") ? name : null;
	}

	private static String capitalized(String text) {
		return text.startsWith("'") ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String orList(List<String> words) {
		List<String> quoted = words.stream().map(w -> "'" + w + "'").toList();
		if (quoted.size() == 1) {
			return quoted.get(0);
		}
		return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
	}

	/** The grammar's names for terminals, in words, wherever they appear in a message. */
	static String readable(String message) {
		if (message == null) {
			return "The text does not follow the .ocstopo grammar here.";
		}
		String readable = message;
		for (Map.Entry<String, String> terminal : TERMINALS.entrySet()) {
			readable = readable.replace(terminal.getKey(), terminal.getValue());
		}
		readable = readable.replace("no viable alternative at input", "not expected here:")
				.replace("required (...)+ loop did not match anything at input", "something is missing before")
				// The lexer's: a number, address or name that breaks off ("10.0.1." then a letter).
				.replace("required (...)+ loop did not match anything at character", "a number, address or name breaks off at")
				.replace("Required (...)+ loop did not match anything at character", "a number, address or name breaks off at")
				.replace("mismatched character", "unexpected character")
				.replace("mismatched input", "unexpected").replace("extraneous input", "unexpected");
		// The lexer's "mismatched character 'x' expecting '\n'": the character alone says it.
		readable = readable.replaceAll("(?s)^(unexpected character '.*?') expecting .*$", "$1");
		readable = org.ocs.topology.parser.Words.escaped(readable);
		return readable.isEmpty() ? readable : Character.toUpperCase(readable.charAt(0)) + readable.substring(1);
	}
}
