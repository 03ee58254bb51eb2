package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.topology.Model;

/** pool-dependency-unreachable for Group Chat: its Lookup account's home pool (by the pool's FQDN) and its database. */
class PoolDependencyRulesTest extends TopologyTestSupport {

	private static String topology(String groupChatGateway) {
		return """
				topology FourthCoffee {
				    product ocs2007r2
				}
				dns {
				    A pool.fourthcoffee.com -> 192.168.1.85
				    A sql.fourthcoffee.com -> 192.168.1.70
				}
				site Redmond {
				    subnet servers 192.168.1.0/24
				    subnet chat 10.0.5.0/24
				    server fe1.fourthcoffee.com {
				        interface 192.168.1.80 on servers
				        default gateway 192.168.1.2
				    }
				    server sql.fourthcoffee.com {
				        interface 192.168.1.70 on servers
				    }
				    server gc1.fourthcoffee.com {
				        interface 10.0.5.10 on chat
				%s
				    }
				    enterprise pool pool.fourthcoffee.com {
				        front ends fe1.fourthcoffee.com
				        load balanced by vip pool-vip
				        back end sql.fourthcoffee.com
				    }
				    group chat pool gc.fourthcoffee.com {
				        servers gc1.fourthcoffee.com
				        lookup account sip:chat@fourthcoffee.com homed on pool.fourthcoffee.com
				        database sql.fourthcoffee.com
				    }
				    load balancer hlb01 {
				        self ip 192.168.1.2 on servers
				        self ip 10.0.5.2 on chat
				        virtual server pool-vip 192.168.1.85 {
				            ports tcp 5061, 135, 443, 444
				            members pool pool.fourthcoffee.com
				            source translation automap
				        }
				    }
				    registrar global {
				        max endpoints per user 8
				    }
				}
				""".formatted(groupChatGateway);
	}

	private List<Issue> dependencyIssues(String gateway) {
		Model model = parse(topology(gateway));
		return validation.validate(model).stream().filter(i -> "pool-dependency-unreachable".equals(i.getCode())).toList();
	}

	@Test
	void serversCutOffAtOnePlaceAreOneFinding() {
		// Two Group Chat servers route through the balancer, which has no forwarding virtual server: both
		// lose their database at the same place, the balancer, and that is told once, naming both.
		String text = topology("        default gateway 10.0.5.2")
				.replace("    group chat pool", "    server gc2.fourthcoffee.com {\n        interface 10.0.5.11 on chat\n"
						+ "        default gateway 10.0.5.2\n    }\n    group chat pool")
				.replace("servers gc1.fourthcoffee.com", "servers gc2.fourthcoffee.com, gc1.fourthcoffee.com");
		Model model = parse(text);
		List<Issue> issues = validation.validate(model).stream().filter(i -> "pool-dependency-unreachable".equals(i.getCode()))
				.toList();
		assertEquals(1, issues.size(), issues.toString());
		assertTrue(issues.get(0).getMessage().startsWith("Group Chat servers gc1.fourthcoffee.com and gc2.fourthcoffee.com"
				+ " of pool gc.fourthcoffee.com cannot use the Group Chat database (TCP 1433) on sql.fourthcoffee.com: they"
				+ " cannot get through: gc1.fourthcoffee.com -> "), issues.get(0).getMessage());
		assertTrue(issues.get(0).getMessage().contains("hlb01 matches no virtual server"), issues.get(0).getMessage());
		assertTrue(issues.get(0).getMessage().contains("(the first of 2)"), issues.get(0).getMessage());
	}

	@Test
	void aGroupChatServerWithoutARouteReachesNeitherItsHomePoolNorItsDatabase() {
		List<Issue> issues = dependencyIssues("");
		assertEquals(2, issues.size(), issues.toString());
		assertTrue(issues.stream().anyMatch(i -> i.getMessage().startsWith("Group Chat server gc1.fourthcoffee.com of pool"
				+ " gc.fourthcoffee.com cannot use its Lookup account's home pool (SIP over TLS, TCP 5061) on"
				+ " pool.fourthcoffee.com")), issues.toString());
		assertTrue(issues.stream().anyMatch(i -> i.getMessage().contains("cannot use the Group Chat database (TCP 1433) on"
				+ " sql.fourthcoffee.com")), issues.toString());
	}

	@Test
	void throughTheBalancersVipAnyFrontEndOfTheHomePoolAnswers() {
		// Via the balancer: the home pool's VIP takes it to fe1 (a member, so delivered); the database
		// is reached by the balancer only with a forwarding virtual server, which this one lacks.
		List<Issue> issues = dependencyIssues("        default gateway 10.0.5.2");
		assertEquals(1, issues.size(), issues.toString());
		assertTrue(issues.get(0).getMessage().contains("the Group Chat database"), issues.get(0).getMessage());
	}
}
