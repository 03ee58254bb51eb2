package org.ocs.topology.parser;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.antlr.runtime.DFA;
import org.antlr.runtime.TokenSource;
import org.eclipse.xtext.parser.antlr.ITokenDefProvider;
import org.eclipse.xtext.parser.antlr.XtextTokenStream;
import org.ocs.topology.parser.antlr.TopologyParser;
import org.ocs.topology.parser.antlr.internal.InternalTopologyParser;

/**
 * The generated parser, with one change: after "server NAME" or "router NAME", a '{' always opens
 * that block (the grammar says so with "=>'{'").
 *
 * <p>Why it is needed: a '{' may also start stray text, so ANTLR decides whether to enter the block
 * by looking ahead through the whole block, and a block that the file leaves open (the end of the
 * file, or a declaration where its '}' should be) matches neither way. ANTLR then reported "the end
 * of the file is not expected here" and took the '{' for stray text: the server's lines went
 * unchecked. Here, lookahead that matches neither way enters the block, whose own recovery says
 * that its '}' is missing and keeps its lines.
 *
 * <p>How: those decisions' lookahead automata are ANTLR 3 tables; every state that had no way on
 * for some input now goes, for that input, to the state that predicts the block. The tables are
 * patched once per decision and shared, as ANTLR's own are.
 */
public class BlockCommittingParser extends TopologyParser {

	/** Marks the decisions to patch: the optional blocks opened by a predicated '{'. */
	private static final String PREDICATED_BRACE = "( '{' )=>";

	private static final Map<Class<?>, Tables> PATCHED = new ConcurrentHashMap<>();

	/**
	 * The parser's fields that hold a decision to patch, found once: listing the generated parser's
	 * fields (hundreds of them, its follow sets) for every parse was a seventh of loading a small
	 * file (5,000 one-server files).
	 */
	private static volatile List<Field> predicatedBraces;

	/**
	 * Xtext's token stream, without its own copy of the token names: each stream inverted the
	 * grammar's map of token types (about 150 entries) into a new map, 3% of loading 5,000 small
	 * files. Here the streams share one inverted map, which they only read (to find the hidden
	 * tokens by name). Where Xtext's field is not found, the stream is made as Xtext makes it.
	 */
	@Override
	protected XtextTokenStream createTokenStream(TokenSource tokenSource) {
		ITokenDefProvider definitions = getTokenDefProvider();
		if (TOKEN_NAMES == null) {
			return super.createTokenStream(tokenSource);
		}
		XtextTokenStream stream = new XtextTokenStream(tokenSource, NO_TOKENS);
		try {
			TOKEN_NAMES.set(stream, typesByName(definitions.getTokenDefMap()));
		} catch (ReflectiveOperationException e) {
			return super.createTokenStream(tokenSource);
		}
		return stream;
	}

	private static final ITokenDefProvider NO_TOKENS = Map::of;

	/** XtextTokenStream's map from a token's name to its type, or null where it has none. */
	private static final Field TOKEN_NAMES = tokenNamesField();

	private static Field tokenNamesField() {
		try {
			Field field = XtextTokenStream.class.getDeclaredField("rulenameToTokenType");
			field.setAccessible(true);
			return Map.class.isAssignableFrom(field.getType()) ? field : null;
		} catch (ReflectiveOperationException | RuntimeException e) {
			return null;
		}
	}

	/** The last map of token types inverted, and the map it was inverted from. */
	private record TypesByName(Map<Integer, String> names, Map<String, Integer> types) {
	}

	private static volatile TypesByName typesByName;

	private static Map<String, Integer> typesByName(Map<Integer, String> names) {
		TypesByName last = typesByName;
		if (last == null || last.names() != names) {
			Map<String, Integer> types = new java.util.HashMap<>();
			names.forEach((type, name) -> types.put(name, type));
			last = new TypesByName(names, java.util.Collections.unmodifiableMap(types));
			typesByName = last;
		}
		return last.types();
	}

	@Override
	protected InternalTopologyParser createParser(XtextTokenStream stream) {
		InternalTopologyParser parser = super.createParser(stream);
		List<Field> fields = predicatedBraces;
		if (fields == null) {
			fields = predicatedBraces(parser);
			predicatedBraces = fields;
		}
		for (Field field : fields) {
			try {
				DFA dfa = (DFA) field.get(parser);
				if (dfa != null) {
					PATCHED.computeIfAbsent(dfa.getClass(), c -> Tables.committing(dfa)).applyTo(dfa);
				}
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException("cannot adjust the parser's decision " + field.getName(), e);
			}
		}
		return parser;
	}

	/** The fields of the parser's decisions opened by a predicated '{' (a decision's description is its class's). */
	private static List<Field> predicatedBraces(InternalTopologyParser parser) {
		List<Field> fields = new ArrayList<>();
		for (Field field : InternalTopologyParser.class.getDeclaredFields()) {
			if (DFA.class.isAssignableFrom(field.getType())) {
				try {
					field.setAccessible(true);
					DFA dfa = (DFA) field.get(parser);
					if (dfa != null && dfa.getDescription().contains(PREDICATED_BRACE)) {
						fields.add(field);
					}
				} catch (ReflectiveOperationException e) {
					throw new IllegalStateException("cannot read the parser's decision " + field.getName(), e);
				}
			}
		}
		return List.copyOf(fields);
	}

	/** A decision's tables, with every dead end leading to the block's prediction. */
	private record Tables(short[] eot) {

		private static final Field EOT = field("eot");
		private static final Field EOF = field("eof");
		private static final Field ACCEPT = field("accept");
		private static final Field SPECIAL = field("special");

		private static Field field(String name) {
			try {
				Field field = DFA.class.getDeclaredField(name);
				field.setAccessible(true);
				return field;
			} catch (NoSuchFieldException e) {
				throw new IllegalStateException("ANTLR's DFA has no field " + name, e);
			}
		}

		static Tables committing(DFA dfa) {
			try {
				short[] eot = ((short[]) EOT.get(dfa)).clone();
				short[] accept = (short[]) ACCEPT.get(dfa);
				short[] special = (short[]) SPECIAL.get(dfa);
				int enterBlock = -1;
				for (int s = 0; s < accept.length && enterBlock < 0; s++) {
					if (accept[s] == 1) {
						enterBlock = s;
					}
				}
				if (enterBlock < 0) {
					throw new IllegalStateException(dfa.getDescription() + " never predicts its block");
				}
				// EOT is ANTLR's "any other input": taken when no transition matches, the end of the
				// file included. Left as they are: the start state (it decides on the word after the
				// name, and without a '{' there is no block), states that decide by predicate
				// (special), and states that know what the end of the file means there.
				short[] eof = (short[]) EOF.get(dfa);
				for (int s = 1; s < eot.length; s++) {
					if (accept[s] < 1 && special[s] < 0 && eot[s] < 0 && eof[s] < 0) {
						eot[s] = (short) enterBlock;
					}
				}
				return new Tables(eot);
			} catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}

		void applyTo(DFA dfa) throws IllegalAccessException {
			EOT.set(dfa, eot);
		}
	}
}
