package org.ocs.topology.conversion;

import java.math.BigInteger;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.conversion.impl.AbstractLexerBasedConverter;
import org.eclipse.xtext.nodemodel.INode;

/**
 * Numbers as written: a number too large for an int is read as the largest int, never as 0 (which
 * made false findings) and never as a parser message; number-out-of-range and mpop-out-of-range
 * report it on that number, quoting its text.
 */
// One instance: each made walks the grammar to register its converters (5,000 files made 5,000).
@com.google.inject.Singleton
public class TopologyValueConverters extends DefaultTerminalConverters {

	private static final BigInteger MAX = BigInteger.valueOf(Integer.MAX_VALUE);

	@ValueConverter(rule = "INT")
	public IValueConverter<Integer> topologyInt() {
		return new AbstractLexerBasedConverter<>() {
			@Override
			public Integer toValue(String string, INode node) {
				if (string == null || string.isEmpty() || !string.chars().allMatch(Character::isDigit)) {
					throw new ValueConverterException("'" + string + "' is not a number", node, null);
				}
				BigInteger value = new BigInteger(string);
				return value.compareTo(MAX) > 0 ? Integer.MAX_VALUE : value.intValueExact();
			}

			@Override
			protected String toEscapedString(Integer value) {
				return String.valueOf(value);
			}
		};
	}
}
