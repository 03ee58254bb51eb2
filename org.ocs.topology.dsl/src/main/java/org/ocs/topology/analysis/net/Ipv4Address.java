package org.ocs.topology.analysis.net;

/** An IPv4 address as its 32 bits; ordering is numeric (unsigned). */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

	public static Ipv4Address of(int a, int b, int c, int d) {
		return new Ipv4Address((a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff));
	}

	/** Parses a well-formed dotted quad; throws {@link IllegalArgumentException} otherwise. */
	public static Ipv4Address parse(String text) {
		AddressText parsed = AddressText.parse(text);
		if (!parsed.isValid() || parsed.prefixLength().isPresent()) {
			throw new IllegalArgumentException("not an IPv4 address: " + text);
		}
		return parsed.address();
	}

	public long unsigned() {
		return Integer.toUnsignedLong(bits);
	}

	@Override
	public int compareTo(Ipv4Address other) {
		return Integer.compareUnsigned(bits, other.bits);
	}

	/**
	 * The bits, mixed: the addresses of one plan (10.a.b.k) differ in a few bits that a hash table
	 * folds onto each other, so the network view's owner and interface maps had overfull buckets
	 * (turned into trees) on the generated Lync topologies. The product's high half, well mixed, is
	 * rotated down to where HashMap takes its bucket from.
	 */
	@Override
	public int hashCode() {
		return Integer.rotateLeft(bits * 0x9E3779B9, 16);
	}

	@Override
	public String toString() {
		return (bits >>> 24) + "." + (bits >>> 16 & 0xff) + "." + (bits >>> 8 & 0xff) + "." + (bits & 0xff);
	}
}
