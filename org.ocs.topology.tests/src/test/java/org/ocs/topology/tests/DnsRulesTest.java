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

	private static final String DNS_BALANCED = "topology T {\n    product lync2010\n}\nsubnet lan 192.0.2.0/24\n"
			+ "server fe1.contoso.com {\n    interface 192.0.2.11 on lan\n}\nserver fe2.contoso.com {\n    interface 192.0.2.12 on lan\n}\n"
			+ "enterprise pool pool01.contoso.com {\n    front ends fe1.contoso.com, fe2.contoso.com\n    load balanced by dns\n"
			+ "    web services web.contoso.com on vip web-vip\n}\n"
			+ "load balancer lb {\n    self ip 192.0.2.2 on lan\n    virtual server web-vip 192.0.2.20 {\n"
			+ "        members pool pool01.contoso.com\n        source translation automap\n    }\n}\n";

	/** DNS load balancing: one A record of the pool FQDN per Front End, none for anything else. */
	@Test
	void aDnsBalancedPoolResolvesToEachOfItsFrontEnds() {
		assertEquals(List.of(), codes(DNS_BALANCED + "dns {\n    A fe1.contoso.com -> 192.0.2.11\n    A fe2.contoso.com -> 192.0.2.12\n"
				+ "    A pool01.contoso.com -> 192.0.2.11\n"
				+ "    A pool01.contoso.com -> 192.0.2.12\n    A web.contoso.com -> 192.0.2.20\n}\n"));
		List<Issue> missing = validation.validate(parse(DNS_BALANCED + "dns {\n    A fe1.contoso.com -> 192.0.2.11\n"
				+ "    A fe2.contoso.com -> 192.0.2.12\n    A pool01.contoso.com -> 192.0.2.11\n"
				+ "    A pool01.contoso.com -> 192.0.2.99\n    A web.contoso.com -> 192.0.2.11\n}\n"));
		assertEquals(List.of("pool-dns-mismatch", "pool-dns-mismatch", "pool-dns-mismatch"),
				missing.stream().map(Issue::getCode).toList(), missing.toString());
		assertEquals(true, missing.stream().anyMatch(i -> i.getMessage().contains("has no A record for fe2.contoso.com")));
		assertEquals(true, missing.stream().anyMatch(i -> i.getMessage().contains("-> 192.0.2.99 points at no Front End")));
		assertEquals(true, missing.stream().anyMatch(i -> i.getMessage().contains("does not point at the web services VIP")));
	}

	@Test
	void theSignInRecordLeadsToAPoolThatSignsUsersInOn5061() {
		assertEquals(List.of("sipinternaltls-srv-target"), codes("dns {\n"
				+ "    SRV _sipinternaltls._tcp.contoso.com -> med.contoso.com port 5061\n}\nmediation pool med.contoso.com {\n}\n"));
		assertEquals(List.of("sipinternaltls-srv-target"), codes("dns {\n"
				+ "    SRV _sipinternaltls._tcp.contoso.com -> fe1.contoso.com port 5061\n}\nserver fe1.contoso.com\n"));
		assertEquals(List.of(), codes("dns {\n"
				+ "    SRV _sipinternaltls._tcp.contoso.com -> dir.contoso.com port 5061\n}\ndirector pool dir.contoso.com {\n}\n"));
	}
}
