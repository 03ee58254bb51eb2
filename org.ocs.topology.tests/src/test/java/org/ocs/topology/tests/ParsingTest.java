package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.xtext.GrammarUtil;
import org.ocs.topology.services.TopologyGrammarAccess;

import com.google.inject.Inject;

import org.eclipse.xtext.EcoreUtil2;
import org.junit.jupiter.api.Test;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.DirectorPool;
import org.ocs.topology.topology.Dns;
import org.ocs.topology.topology.DnsLoadBalancing;
import org.ocs.topology.topology.EdgePool;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.ForwardingVirtualServer;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.HardwareLoadBalancing;
import org.ocs.topology.topology.LoadBalancer;
import org.ocs.topology.topology.MediationPool;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.Persistence;
import org.ocs.topology.topology.Product;
import org.ocs.topology.topology.Protocol;
import org.ocs.topology.topology.RegistrarSetting;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.Site;
import org.ocs.topology.topology.SrvRecord;
import org.ocs.topology.topology.StandardEditionPool;
import org.ocs.topology.topology.StandardVirtualServer;
import org.ocs.topology.topology.Subnet;
import org.ocs.topology.topology.Topology;
import org.ocs.topology.topology.TranslationKind;

/** Every construct of the grammar, parsed and linked; the model carries what was written. */
class ParsingTest extends TopologyTestSupport {

	static final String ALL_CONSTRUCTS = """
			/* block comment */
			topology Contoso {
			    product lync2010
			    sip domains contoso.com, fabrikam.com // line comment
			    windows ws2008r2
			    host model strong
			}

			registrar global {
			    max endpoints per user 8
			}

			site Redmond {
			    subnet servers 192.0.2.0/25
			    subnet lb-side 192.0.2.128/25

			    server fe1.contoso.com {
			        interface lb 192.0.2.130 on lb-side
			        interface 192.0.2.11/25
			        default gateway 192.0.2.131
			        route 198.51.100.0/24 via 192.0.2.1
			        hosts fe2.contoso.com -> 192.0.2.12
			    }
			    server fe2.contoso.com {
			        interface 192.0.2.12 on servers
			        windows ws2008
			    }
			    router core1 {
			        interface 192.0.2.1 on servers
			        route 198.51.100.0/24 via 192.0.2.126
			    }
			    server se1.contoso.com
			    server sql1.contoso.com {
			        windows ws2003
			        host model weak
			    }
			    server dir1.contoso.com
			    server edge1.contoso.com
			    server med1.contoso.com
			    server gc1.contoso.com
			    server gcsql.contoso.com
			    server comp1.contoso.com

			    enterprise pool pool1.contoso.com {
			        front ends fe1.contoso.com, fe2.contoso.com
			        load balanced by vip pool-vip
			        back end sql1.contoso.com
			    }
			    standard edition pool se1.contoso.com {
			        server se1.contoso.com
			    }
			    director pool dir.contoso.com {
			        servers dir1.contoso.com
			        load balanced by vip pool-vip
			    }
			    edge pool edge.contoso.com {
			        servers edge1.contoso.com
			    }
			    mediation pool med.contoso.com {
			        servers med1.contoso.com
			        load balanced by dns
			        web services webint.contoso.com on vip web-vip
			    }
			    group chat pool chat {
			        servers gc1.contoso.com
			        lookup account sip:ocschat@contoso.com homed on pool1.contoso.com plus 1 other endpoint
			        database gcsql.contoso.com
			        compliance server comp1.contoso.com
			    }

			    registrar site Redmond {
			        max endpoints per user 4
			    }
			    registrar pool pool1.contoso.com {
			        max endpoints per user 3
			    }

			    load balancer f5 {
			        self ip 192.0.2.129 on lb-side
			        self ip floating 192.0.2.131/25
			        self ip 192.0.2.2 on servers
			        virtual server pool-vip 203.0.113.10 {
			            ports tcp 5061, 444, 135, 443, 80
			            ports udp 3478
			            members pool pool1.contoso.com
			            source translation snat 203.0.113.50, 203.0.113.51
			            persistence source-address
			        }
			        virtual server web-vip 203.0.113.11 {
			            members fe1.contoso.com, fe2.contoso.com
			            source translation automap
			            persistence cookie
			        }
			        forwarding virtual server routed 0.0.0.0/0 {
			            ports tcp 5071
			            source translation none
			        }
			        default gateway 192.0.2.1
			        route 10.0.0.0/8 via 192.0.2.254
			        tcp idle timeout 1800
			        persistence none
			    }
			}

			dns {
			    A sip.contoso.com -> 203.0.113.10
			    A sip.contoso.com -> 203.0.113.11
			    A pool1.contoso.com -> 203.0.113.10
			    A fe1.contoso.com -> 192.0.2.11
			    A fe2.contoso.com -> 192.0.2.12
			    SRV _sipinternaltls._tcp.contoso.com -> pool1.contoso.com port 5061 priority 0 weight 10
			}
			""";

	@Test
	void resourcesShareTheirStatelessServicesAndParseAlike() {
		// Built anew for every resource, these were 9% of loading 5,000 small files; one of each serves all.
		List<Model> two = parseFolder("subnet a 10.0.0.0/24 // one\n", "/* two */ subnet b 10.0.1.0/24\n");
		org.eclipse.xtext.resource.XtextResource first = (org.eclipse.xtext.resource.XtextResource) two.get(0).eResource();
		org.eclipse.xtext.resource.XtextResource second = (org.eclipse.xtext.resource.XtextResource) two.get(1).eResource();
		assertSame(first.getResourceServiceProvider(), second.getResourceServiceProvider());
		assertSame(first.getLinker(), second.getLinker());
		assertSame(first.getSerializer(), second.getSerializer());
		assertSame(first.getConcreteSyntaxValidator(), second.getConcreteSyntaxValidator());
		// The parser stays per resource (its partial-parsing helper keeps state during a parse) ...
		assertNotSame(first.getParser(), second.getParser());
		// ... and its token streams, which share one map of token names, still hide comments and spaces.
		for (Model model : two) {
			assertTrue(model.eResource().getErrors().isEmpty(), model.eResource().getErrors().toString());
			assertEquals(1, model.getDeclarations().size());
		}
	}

	@Test
	void everyConstructParsesAndLinksWithoutFindings() throws Exception {
		Model model = parse(ALL_CONSTRUCTS);
		validation.assertNoIssues(model);

		Topology header = assertInstanceOf(Topology.class, model.getDeclarations().get(0));
		assertEquals("Contoso", header.getName());
		assertEquals(Product.LYNC2010, header.getProduct());
		assertEquals(List.of("contoso.com", "fabrikam.com"), header.getSipDomains());

		RegistrarSetting global = assertInstanceOf(RegistrarSetting.class, model.getDeclarations().get(1));
		assertTrue(global.isGlobal());
		assertEquals(8, global.getMaxEndpointsPerUser());

		Site site = assertInstanceOf(Site.class, model.getDeclarations().get(2));
		Subnet lbSide = find(model, Subnet.class, "lb-side");
		Server fe1 = find(model, Server.class, "fe1.contoso.com");
		Server fe2 = find(model, Server.class, "fe2.contoso.com");
		assertEquals("lb", fe1.getInterfaces().get(0).getLabel());
		assertEquals("192.0.2.130", fe1.getInterfaces().get(0).getAddress());
		assertSame(lbSide, fe1.getInterfaces().get(0).getSubnet());
		assertEquals("192.0.2.11/25", fe1.getInterfaces().get(1).getAddress());
		assertEquals("192.0.2.131", fe1.getGateways().get(0).getAddress());
		assertEquals("198.51.100.0/24", fe1.getRoutes().get(0).getDestination());
		assertEquals("192.0.2.1", fe1.getRoutes().get(0).getNextHop());
		assertEquals("fe2.contoso.com", fe1.getHostsEntries().get(0).getHostName());
		assertEquals("192.0.2.12", fe1.getHostsEntries().get(0).getAddress());

		EnterprisePool pool = find(model, EnterprisePool.class, "pool1.contoso.com");
		assertEquals(List.of(fe1, fe2), pool.getMembers());
		StandardVirtualServer poolVip = find(model, StandardVirtualServer.class, "pool-vip");
		assertSame(poolVip, assertInstanceOf(HardwareLoadBalancing.class, pool.getLoadBalancing()).getVip());
		assertSame(find(model, Server.class, "sql1.contoso.com"), pool.getBackEnd());

		StandardEditionPool se = find(model, StandardEditionPool.class, "se1.contoso.com");
		assertSame(find(model, Server.class, "se1.contoso.com"), se.getMembers().get(0));
		assertEquals(1, find(model, DirectorPool.class, "dir.contoso.com").getMembers().size());
		assertEquals(1, find(model, EdgePool.class, "edge.contoso.com").getMembers().size());
		MediationPool mediation = find(model, MediationPool.class, "med.contoso.com");
		assertInstanceOf(DnsLoadBalancing.class, mediation.getLoadBalancing());
		assertEquals("webint.contoso.com", mediation.getWebServices().getFqdn());
		assertSame(find(model, StandardVirtualServer.class, "web-vip"), mediation.getWebServices().getVip());

		GroupChatPool chat = find(model, GroupChatPool.class, "chat");
		assertEquals("sip:ocschat@contoso.com", chat.getLookupAccount().getUri());
		assertSame(pool, chat.getLookupAccount().getHomePool());
		assertSame(find(model, Server.class, "gcsql.contoso.com"), chat.getDatabase());
		assertSame(find(model, Server.class, "comp1.contoso.com"), chat.getCompliance());
		assertEquals(1, chat.getLookupAccount().getOtherEndpoints());

		List<RegistrarSetting> scoped = EcoreUtil2.getAllContentsOfType(site, RegistrarSetting.class);
		assertSame(site, scoped.get(0).getSite());
		assertEquals(4, scoped.get(0).getMaxEndpointsPerUser());
		assertSame(pool, scoped.get(1).getPool());

		LoadBalancer f5 = find(model, LoadBalancer.class, "f5");
		assertSame(lbSide, f5.getSelfIps().get(0).getSubnet());
		assertFalse(f5.getSelfIps().get(0).isFloating());
		assertTrue(f5.getSelfIps().get(1).isFloating());
		assertEquals(1800, f5.getIdleTimeout());
		assertEquals("192.0.2.1", f5.getGateways().get(0).getAddress());
		assertEquals("10.0.0.0/8", f5.getRoutes().get(0).getDestination());
		assertEquals(Persistence.NONE, f5.getPersistence());
		assertEquals("203.0.113.10", poolVip.getAddress());
		assertEquals(Protocol.TCP, poolVip.getPorts().get(0).getProtocol());
		assertEquals(List.of(5061, 444, 135, 443, 80), poolVip.getPorts().get(0).getNumbers());
		assertEquals(Protocol.UDP, poolVip.getPorts().get(1).getProtocol());
		assertSame(pool, poolVip.getMemberPool());
		assertEquals(TranslationKind.SNAT_POOL, poolVip.getTranslation().getKind());
		assertEquals(List.of("203.0.113.50", "203.0.113.51"), poolVip.getTranslation().getSnatAddresses());
		assertEquals(Persistence.SOURCE_ADDRESS, poolVip.getPersistence());
		StandardVirtualServer webVip = find(model, StandardVirtualServer.class, "web-vip");
		assertEquals(List.of(fe1, fe2), webVip.getMemberServers());
		assertEquals(TranslationKind.AUTOMAP, webVip.getTranslation().getKind());
		assertEquals(Persistence.COOKIE, webVip.getPersistence());
		ForwardingVirtualServer routed = find(model, ForwardingVirtualServer.class, "routed");
		assertEquals("0.0.0.0/0", routed.getDestination());
		assertEquals(TranslationKind.NONE, routed.getTranslation().getKind());

		Dns dns = assertInstanceOf(Dns.class, model.getDeclarations().get(3));
		ARecord first = assertInstanceOf(ARecord.class, dns.getRecords().get(0));
		ARecord second = assertInstanceOf(ARecord.class, dns.getRecords().get(1));
		assertEquals(first.getHost(), second.getHost(), "several A records per name");
		SrvRecord srv = assertInstanceOf(SrvRecord.class, dns.getRecords().get(5));
		assertEquals("_sipinternaltls._tcp.contoso.com", srv.getService());
		assertEquals("pool1.contoso.com", srv.getTarget());
		assertEquals(5061, srv.getPort());
		assertEquals(0, srv.getPriority());
		assertEquals(10, srv.getWeight());
	}

	@Test
	void declarationsMayStandOutsideAnySite() throws Exception {
		Model model = parse("""
				subnet lan 192.0.2.0/24
				server se1.contoso.com {
				    interface 192.0.2.10 on lan
				}
				standard edition pool se1.contoso.com {
				    server se1.contoso.com
				}
				""");
		validation.assertNoIssues(model);
		assertSame(find(model, Server.class, "se1.contoso.com"),
				find(model, StandardEditionPool.class, "se1.contoso.com").getMembers().get(0));
	}

	@Test
	void keywordsThatEngineersUseAsNamesAreNames() throws Exception {
		Model model = parse("""
				site edge {
				    subnet servers 192.0.2.0/24
				    subnet database 198.51.100.0/24
				    load balancer front {
				        self ip 192.0.2.2 on servers
				    }
				}
				""");
		validation.assertNoIssues(model);
		assertNotNull(find(model, Subnet.class, "servers"));
		assertNotNull(find(model, Site.class, "edge"));
	}

	@Inject
	private TopologyGrammarAccess grammar;

	/** A guard for the grammar's growth: every keyword is exercised by this test or an example. */
	@Test
	void everyKeywordOfTheGrammarIsUsedHereOrInAnExample() throws Exception {
		StringBuilder corpus = new StringBuilder(ALL_CONSTRUCTS);
		try (var files = Files.walk(repositoryRoot().resolve("examples"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".ocstopo")).toList()) {
				corpus.append('\n').append(Files.readString(file));
			}
		}
		String text = corpus.toString();
		for (String keyword : GrammarUtil.getAllKeywords(grammar.getGrammar())) {
			boolean used = keyword.matches("\\w[\\w-]*")
					? Pattern.compile("(?<![\\w.-])" + Pattern.quote(keyword) + "(?![\\w.-])").matcher(text).find()
					: text.contains(keyword);
			assertTrue(used, "keyword '" + keyword + "' is used nowhere in the parsing test or the examples");
		}
	}

	static <T extends org.eclipse.emf.ecore.EObject> T find(Model model, Class<T> type, String name) {
		return EcoreUtil2.getAllContentsOfType(model, type).stream()
				.filter(o -> name.equals(o.eGet(o.eClass().getEStructuralFeature("name")))).findFirst()
				.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
	}
}
