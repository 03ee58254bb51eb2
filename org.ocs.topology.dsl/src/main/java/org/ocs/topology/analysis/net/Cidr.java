package org.ocs.topology.analysis.net;

/**
 * An address with a prefix length, as written: {@code 10.0.1.10/24} is host 10.0.1.10 on network
 * 10.0.1.0/24. {@link #network()} and {@link #contains} look at the network part only.
 */
public record Cidr(Ipv4Address address, int prefixLength) {

	public Cidr {
		if (prefixLength < 0 || prefixLength > 32) {
			throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
		}
	}

	/** Parses {@code a.b.c.d/n}; throws {@link IllegalArgumentException} unless well-formed with a prefix. */
	public static Cidr parse(String text) {
		AddressText parsed = AddressText.parse(text);
		if (!parsed.isValid() || parsed.prefixLength().isEmpty()) {
			throw new IllegalArgumentException("not an address with a prefix length: " + text);
		}
		return new Cidr(parsed.address(), parsed.prefixLength().getAsInt());
	}

	public int mask() {
		return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
	}

	public Ipv4Address network() {
		return new Ipv4Address(address.bits() & mask());
	}

	public Ipv4Address broadcast() {
		return new Ipv4Address(address.bits() | ~mask());
	}

	/** The same network written canonically, e.g. 10.0.1.0/24 for 10.0.1.10/24. */
	public Cidr networkCidr() {
		return new Cidr(network(), prefixLength);
	}

	public boolean hasHostBits() {
		return (address.bits() & ~mask()) != 0;
	}

	public boolean contains(Ipv4Address candidate) {
		return (candidate.bits() & mask()) == (address.bits() & mask());
	}

	/**
	 * Whether the address is the network or broadcast address of its network; /31 and /32 have
	 * neither (RFC 3021 point-to-point links, host routes).
	 */
	public boolean isNetworkOrBroadcast(Ipv4Address candidate) {
		return prefixLength <= 30 && (candidate.equals(network()) || candidate.equals(broadcast()));
	}

	@Override
	public String toString() {
		return address + "/" + prefixLength;
	}
}
