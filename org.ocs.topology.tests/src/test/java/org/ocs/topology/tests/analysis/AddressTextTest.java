package org.ocs.topology.tests.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ocs.topology.analysis.net.AddressOwnership;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.net.AddressText.Problem;
import org.ocs.topology.analysis.net.Cidr;
import org.ocs.topology.analysis.net.Ipv4Address;

/** The address arithmetic of the analysis core, without Xtext. */
class AddressTextTest {

	@ParameterizedTest
	@CsvSource({
			"192.168.1.80, 192.168.1.80, -1",
			"10.0.0.0/8, 10.0.0.0, 8",
			"0.0.0.0/0, 0.0.0.0, 0",
			"255.255.255.255/32, 255.255.255.255, 32" })
	void readsWellFormedAddresses(String text, String address, int prefix) {
		AddressText parsed = AddressText.parse(text);
		assertTrue(parsed.isValid(), parsed::reason);
		assertEquals(address, parsed.address().toString());
		assertEquals(prefix < 0 ? OptionalInt.empty() : OptionalInt.of(prefix), parsed.prefixLength());
	}

	@ParameterizedTest
	@CsvSource({
			"192.168.1.300, MALFORMED_ADDRESS, part 300",
			"10.0.1, MALFORMED_ADDRESS, has 3 parts",
			"1.2.3.4.5, MALFORMED_ADDRESS, has 5 parts",
			"10.0.010.1, MALFORMED_ADDRESS, leading zero",
			"10.0.1.0/33, PREFIX_OUT_OF_RANGE, /33",
			"10.0.1.0/999, PREFIX_OUT_OF_RANGE, /999" })
	void explainsMalformedAddresses(String text, Problem problem, String reasonPart) {
		AddressText parsed = AddressText.parse(text);
		assertFalse(parsed.isValid());
		assertEquals(problem, parsed.problem());
		assertTrue(parsed.reason().contains(reasonPart), parsed.reason());
		assertNull(parsed.address());
	}

	@Test
	void cidrContainsAndNetworkArithmetic() {
		Cidr lbSide = Cidr.parse("198.51.100.140/25");
		assertEquals("198.51.100.128/25", lbSide.networkCidr().toString());
		assertEquals("198.51.100.255", lbSide.broadcast().toString());
		assertTrue(lbSide.contains(Ipv4Address.parse("198.51.100.129")));
		assertFalse(lbSide.contains(Ipv4Address.parse("198.51.100.11")));
		assertTrue(lbSide.hasHostBits());
		assertFalse(lbSide.networkCidr().hasHostBits());
		assertTrue(lbSide.isNetworkOrBroadcast(Ipv4Address.parse("198.51.100.128")));
		assertFalse(Cidr.parse("10.0.0.0/31").isNetworkOrBroadcast(Ipv4Address.parse("10.0.0.0")));
		assertTrue(Cidr.parse("0.0.0.0/0").contains(Ipv4Address.parse("203.0.113.7")));
		assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1"));
		assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("10.0.0.1/24"));
	}

	@Test
	void addressesOrderNumericallyAcrossTheSignBit() {
		assertTrue(Ipv4Address.parse("200.0.0.1").compareTo(Ipv4Address.parse("10.0.0.1")) > 0);
		assertEquals(Integer.toUnsignedLong(Ipv4Address.parse("255.0.0.0").bits()), 0xff000000L);
	}

	@Test
	void ownershipConflictsOnlyBetweenOwnersThatMayNotShare() {
		AddressOwnership<String> ownership = new AddressOwnership<>();
		Object balancer = new Object();
		Ipv4Address vip = Ipv4Address.parse("203.0.113.10");
		ownership.add(vip, balancer, "pool-vip:5061");
		ownership.add(vip, balancer, "pool-vip:443");
		ownership.add(Ipv4Address.parse("192.0.2.11"), "fe1-nic", "fe1");
		assertTrue(ownership.conflicts().isEmpty(), "virtual servers of one balancer share a VIP");

		ownership.add(Ipv4Address.parse("192.0.2.11"), "fe2-nic", "fe2");
		List<AddressOwnership.Conflict<String>> conflicts = ownership.conflicts();
		assertEquals(1, conflicts.size());
		assertEquals("192.0.2.11", conflicts.get(0).address().toString());
		assertEquals(List.of("fe1", "fe2"), conflicts.get(0).owners().stream().map(AddressOwnership.Owner::source).toList());
	}
}
