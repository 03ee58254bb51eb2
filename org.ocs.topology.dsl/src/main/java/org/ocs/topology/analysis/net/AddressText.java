package org.ocs.topology.analysis.net;

import java.util.OptionalInt;

/**
 * The reading of an address as the user typed it ({@code 192.168.1.80}, {@code 10.0.0.0/8}):
 * either valid, or the reason it is not, split by the part that is wrong so that a malformed
 * address and an impossible prefix length are told apart.
 */
public final class AddressText {

	public enum Problem {
		NONE, MALFORMED_ADDRESS, PREFIX_OUT_OF_RANGE
	}

	private final Ipv4Address address;
	private final OptionalInt prefixLength;
	private final Problem problem;
	private final String reason;
	private OptionalInt netmaskPrefix = OptionalInt.empty();

	private AddressText(Ipv4Address address, OptionalInt prefixLength, Problem problem, String reason) {
		this.address = address;
		this.prefixLength = prefixLength;
		this.problem = problem;
		this.reason = reason;
	}

	public static AddressText parse(String text) {
		AddressText wellFormed = wellFormed(text);
		return wellFormed != null ? wellFormed : read(text);
	}

	/**
	 * The common case, read in one pass without splitting: a valid dotted quad, with a prefix length
	 * or not. Null for anything else, which {@link #read} then tells apart. Every rule on every
	 * address asks, so this was a tenth of a file's checks.
	 */
	private static AddressText wellFormed(String text) {
		if (text == null) {
			return null;
		}
		int length = text.length();
		int i = 0;
		int bits = 0;
		for (int part = 0; part < 4; part++) {
			if (part > 0) {
				if (i >= length || text.charAt(i) != '.') {
					return null;
				}
				i++;
			}
			int start = i;
			int value = 0;
			while (i < length && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				value = value * 10 + (text.charAt(i) - '0');
				i++;
			}
			if (i == start || (i - start > 1 && text.charAt(start) == '0') || value > 255) {
				return null;
			}
			bits = bits << 8 | value;
		}
		OptionalInt prefix = OptionalInt.empty();
		if (i < length) {
			if (text.charAt(i) != '/') {
				return null;
			}
			int start = ++i;
			int value = 0;
			while (i < length && i - start < 2 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				value = value * 10 + (text.charAt(i) - '0');
				i++;
			}
			if (i == start || i != length || value > 32) {
				return null;
			}
			prefix = OptionalInt.of(value);
		}
		return new AddressText(new Ipv4Address(bits), prefix, Problem.NONE, null);
	}

	/** Any text: valid, or the reason it is not. */
	private static AddressText read(String text) {
		if (text == null || text.isEmpty()) {
			return malformed("is empty");
		}
		String addressPart = text;
		OptionalInt prefix = OptionalInt.empty();
		int slash = text.indexOf('/');
		if (slash >= 0) {
			addressPart = text.substring(0, slash);
			String prefixPart = text.substring(slash + 1);
			if (prefixPart.contains(".")) {
				return netmask(prefixPart);
			}
			if (!isDigits(prefixPart) || prefixPart.length() > 2 || Integer.parseInt(prefixPart) > 32) {
				return new AddressText(null, OptionalInt.empty(), Problem.PREFIX_OUT_OF_RANGE,
						"has prefix length /" + prefixPart + ", but an IPv4 prefix length is 0 to 32");
			}
			prefix = OptionalInt.of(Integer.parseInt(prefixPart));
		}
		String[] octets = addressPart.split("\\.", -1);
		if (octets.length != 4) {
			return malformed("has " + octets.length + " parts, but an IPv4 address has 4");
		}
		int bits = 0;
		for (int i = 0; i < 4; i++) {
			String octet = octets[i];
			if (!isDigits(octet)) {
				return malformed("has an empty part");
			}
			if (octet.length() > 1 && octet.charAt(0) == '0') {
				// Windows' inet_addr reads a leading zero as octal: 010 is 8, not 10.
				return malformed("has part '" + octet + "' with a leading zero, which Windows reads as octal");
			}
			if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
				return malformed("has part " + octet + ", but each part is 0 to 255");
			}
			bits = bits << 8 | Integer.parseInt(octet);
		}
		return new AddressText(new Ipv4Address(bits), prefix, Problem.NONE, null);
	}

	/** A dotted netmask written where the prefix length belongs: its prefix length, if it is a netmask. */
	private static AddressText netmask(String written) {
		AddressText mask = parse(written);
		if (mask.isValid() && mask.prefixLength().isEmpty()) {
			int bits = mask.address().bits();
			int ones = Integer.bitCount(bits);
			// A netmask is ones then zeros: 255.255.255.0, never 255.0.255.0.
			if (ones == 0 ? bits == 0 : bits == -1 << (32 - ones)) {
				AddressText told = new AddressText(null, OptionalInt.empty(), Problem.PREFIX_OUT_OF_RANGE,
						"gives the netmask " + written + " where a prefix length belongs: write /" + ones);
				told.netmaskPrefix = OptionalInt.of(ones);
				return told;
			}
		}
		return new AddressText(null, OptionalInt.empty(), Problem.PREFIX_OUT_OF_RANGE,
				"has /" + written + " after the address, which is no netmask; write a prefix length 0 to 32");
	}

	/** Where a netmask was written instead of a prefix length, the prefix length it means. */
	public OptionalInt netmaskPrefix() {
		return netmaskPrefix;
	}

	private static AddressText malformed(String reason) {
		return new AddressText(null, OptionalInt.empty(), Problem.MALFORMED_ADDRESS, reason);
	}

	private static boolean isDigits(String s) {
		if (s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) < '0' || s.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	public boolean isValid() {
		return problem == Problem.NONE;
	}

	public Problem problem() {
		return problem;
	}

	/** Why the text is not a valid address, as the end of a sentence ("has 3 parts, ..."). */
	public String reason() {
		return reason;
	}

	/** The address; null unless valid. */
	public Ipv4Address address() {
		return address;
	}

	public OptionalInt prefixLength() {
		return prefixLength;
	}

	/** The address with its prefix; null unless valid and written with a prefix. */
	public Cidr cidr() {
		return isValid() && prefixLength.isPresent() ? new Cidr(address, prefixLength.getAsInt()) : null;
	}
}
