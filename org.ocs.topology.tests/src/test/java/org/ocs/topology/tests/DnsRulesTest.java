package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/** DNS records (issue 10, items 2 and 6): an identical line is a copy, not a second record. */
class DnsRulesTest extends TopologyTestSupport {

	private List<String> codes(String text) {
		return validation.validate(parse(text)).stream().map(Issue::getCode).toList();
	}

	@Test
	void anIdenticalSrvLineIsACopyNotASecondRecord() {
		String srv = "    SRV _sipinternaltls._tcp.contoso.com -> pool01.contoso.com port 5061\n";
		assertEquals(List.of("dns-record-duplicate", "dns-record-duplicate"), codes("dns {\n" + srv + srv + "}\n"));
	}

	@Test
	void srvRecordsThatDifferAreSeveralRecords() {
		assertEquals(List.of("sipinternaltls-srv-multiple", "sipinternaltls-srv-multiple"),
				codes("dns {\n    SRV _sipinternaltls._tcp.contoso.com -> pool01.contoso.com port 5061\n"
						+ "    SRV _sipinternaltls._tcp.contoso.com -> pool02.contoso.com port 5061\n}\n"));
	}

	/** Several addresses for one name are DNS load balancing, not copies. */
	@Test
	void aRecordsWithDifferentAddressesAreNotCopies() {
		assertEquals(List.of(), codes("dns {\n    A pool01.contoso.com -> 192.0.2.11\n    A pool01.contoso.com -> 192.0.2.12\n}\n"));
		assertEquals(List.of("dns-record-duplicate", "dns-record-duplicate"),
				codes("dns {\n    A pool01.contoso.com -> 192.0.2.11\n    A POOL01.contoso.com -> 192.0.2.11\n}\n"));
	}
}
