package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/** Numbers (issue 10, item 5): each out-of-range number is one finding on it, quoting it as written. */
class NumberRulesTest extends TopologyTestSupport {

	private List<String> findings(String text) {
		return validation.validate(parse(text)).stream().map(i -> i.getCode() + " " + i.getLineNumber() + ":" + i.getColumn()
				+ " " + i.getMessage()).toList();
	}

	@Test
	void portsOutsideOneTo65535AreEachAFinding() {
		assertEquals(List.of(
				"number-out-of-range 3:19 Port 0 of virtual server vip (192.0.2.10) of load balancer lb is outside 1 to 65535: TCP and UDP ports"
						+ " are 1 to 65535, so the value cannot be configured as written.",
				"number-out-of-range 3:22 Port 70000 of virtual server vip (192.0.2.10) of load balancer lb is outside 1 to 65535: TCP and UDP"
						+ " ports are 1 to 65535, so the value cannot be configured as written."),
				findings("load balancer lb {\n    virtual server vip 192.0.2.10 {\n        ports tcp 0, 70000\n    }\n}\n"));
	}

	/** Too large for an int: one finding on the number, never a parser message nor a value read as 0. */
	@Test
	void aNumberTooLargeForAnyFieldIsOneFindingOnIt() {
		List<String> found = findings("dns {\n    SRV _sipinternaltls._tcp.contoso.com -> pool.contoso.com port 99999999999\n}\n");
		assertEquals(1, found.size(), found.toString());
		assertEquals("number-out-of-range 2:67 SRV port 99999999999 of SRV record _sipinternaltls._tcp.contoso.com is outside"
				+ " 1 to 65535: TCP and UDP ports are 1 to 65535, so the value cannot be configured as written.", found.get(0));
		List<String> timeout = findings("load balancer lb {\n    tcp idle timeout 99999999999\n}\n");
		assertEquals(List.of("number-out-of-range 2:22 TCP idle timeout 99999999999 of load balancer lb is too large: no"
				+ " timeout is that long, so the value cannot be configured as written."), timeout);
	}

	@Test
	void anMpopValueTooLargeIsOneMpopFindingQuotingIt() {
		List<Issue> issues = validation.validate(parse("registrar global {\n    max endpoints per user 99999999999\n}\n"));
		assertEquals(List.of("mpop-out-of-range"), issues.stream().map(Issue::getCode).toList());
		assertEquals(true, issues.get(0).getMessage().startsWith("Maximum endpoints per user 99999999999 is not accepted"),
				issues.get(0).getMessage());
	}
}
