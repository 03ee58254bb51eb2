package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.topology.Model;

/** "// ocstopo-ignore <rule-id> <reason>" before a declaration. */
class SuppressionTest extends TopologyTestSupport {

	private static final String TWO_GATEWAYS = """
			subnet lan 192.0.2.0/24
			%s
			server fe1.contoso.com {
			    interface 192.0.2.10 on lan
			    default gateway 192.0.2.1
			    default gateway 192.0.2.2
			}
			server fe2.contoso.com {
			    interface 192.0.2.11 on lan
			    default gateway 192.0.2.1
			    default gateway 192.0.2.2
			}
			""";

	private static final Comparator<String> BY_LINE = Comparator.comparingInt(s -> Integer.parseInt(s.split(" ")[0]));

	private List<String> findings(String comment) {
		Model model = parse(TWO_GATEWAYS.formatted(comment));
		return validation.validate(model).stream().map(i -> i.getLineNumber() + " " + i.getCode()).toList();
	}

	@Test
	void aReasonedSuppressionDropsThatRuleOnTheNextDeclarationOnly() {
		assertEquals(List.of("11 gateway-multiple"),
				findings("// ocstopo-ignore gateway-multiple the second gateway is removed in change 4711"));
	}

	@Test
	void withoutSuppressionBothServersAreReported() {
		assertEquals(List.of("6 gateway-multiple", "11 gateway-multiple"), findings("// a plain comment"));
	}

	@Test
	void aSuppressionWithoutAReasonSuppressesNothingAndIsAWarning() {
		Model model = parse(TWO_GATEWAYS.formatted("// ocstopo-ignore gateway-multiple"));
		List<Issue> issues = validation.validate(model);
		assertEquals(List.of("2 suppression-invalid", "6 gateway-multiple", "11 gateway-multiple"),
				issues.stream().map(i -> i.getLineNumber() + " " + i.getCode()).sorted(BY_LINE).toList());
		Issue invalid = issues.stream().filter(i -> "suppression-invalid".equals(i.getCode())).findFirst().orElseThrow();
		assertEquals(1, invalid.getColumn());
		assertEquals(org.eclipse.xtext.diagnostics.Severity.WARNING, invalid.getSeverity());
	}

	@Test
	void anUnknownRuleIsAWarning() {
		assertEquals(List.of("2 suppression-invalid", "6 gateway-multiple", "11 gateway-multiple"),
				findings("// ocstopo-ignore gateway-many because").stream().sorted(BY_LINE).toList());
	}

	@Test
	void aSuppressionNamingNoFindingIsAWarning() {
		assertEquals(List.of("2 suppression-unused", "6 gateway-multiple", "11 gateway-multiple"),
				findings("// ocstopo-ignore address-malformed nothing is malformed here").stream().sorted(BY_LINE).toList());
	}

	@Test
	void suppressionCoversFindingsInsideTheDeclarationAndFolderWideRules() {
		Model model = parse("""
				topology T {
				    product lync2010
				}
				registrar global {
				    max endpoints per user 1
				}
				server gc1.contoso.com
				server gc2.contoso.com
				enterprise pool p.contoso.com {
				}
				group chat pool chat {
				    servers gc1.contoso.com, gc2.contoso.com
				    // ocstopo-ignore lookup-over-mpop lab pool: only one Lookup service runs at a time
				    lookup account sip:ocschat@contoso.com homed on p.contoso.com plus 8 other endpoints
				}
				""");
		// The finding sits on the global setting, not on the suppressed account: it stays.
		assertEquals(List.of("5 lookup-over-mpop", "13 suppression-unused"),
				validation.validate(model).stream().map(i -> i.getLineNumber() + " " + i.getCode()).sorted(BY_LINE).toList());
		Model onSetting = parse("""
				topology T {
				    product lync2010
				}
				// ocstopo-ignore lookup-over-mpop lab forest: one Lookup service runs at a time
				registrar global {
				    max endpoints per user 1
				}
				server gc1.contoso.com
				server gc2.contoso.com
				enterprise pool p.contoso.com {
				}
				group chat pool chat {
				    servers gc1.contoso.com, gc2.contoso.com
				    lookup account sip:ocschat@contoso.com homed on p.contoso.com
				}
				""");
		validation.assertNoIssues(onSetting);
	}

	@Test
	void aSuppressionBeforeASettingLineCoversThatLine() {
		Model model = parse("""
				server gc1.contoso.com
				server gc2.contoso.com
				server gc3.contoso.com
				server gc4.contoso.com
				group chat pool chat {
				    // ocstopo-ignore groupchat-servers-over-limit the fourth one is a cold spare, never started
				    servers gc1.contoso.com, gc2.contoso.com, gc3.contoso.com, gc4.contoso.com
				}
				""");
		validation.assertNoIssues(model);
	}
}
