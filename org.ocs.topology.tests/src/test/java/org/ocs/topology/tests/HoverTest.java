package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ocs.topology.ide.TopologyIdeSetup;
import org.ocs.topology.ide.hover.TopologyHoverService;
import org.ocs.topology.topology.GroupChatPool;
import org.ocs.topology.topology.Model;

import com.google.inject.Injector;

/**
 * Hover, with the IDE injector the language server uses, tells what the rules count: a Group
 * Chat pool's Lookup account registrations are those lookup-over-mpop counts.
 */
class HoverTest {

	private static Injector ide;

	@BeforeAll
	static void injector() {
		ide = new TopologyIdeSetup().createInjectorAndDoEMFRegistration();
	}

	private static XtextResource load(String text) throws IOException {
		XtextResourceSet resourceSet = ide.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) resourceSet
				.createResource(URI.createFileURI("/work/test/hover/topology.ocstopo"));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
		return resource;
	}

	private static GroupChatPool groupChat(XtextResource resource, String name) {
		Model model = (Model) resource.getContents().get(0);
		return EcoreUtil2.getAllContentsOfType(model, GroupChatPool.class).stream()
				.filter(p -> name.equals(p.getName())).findFirst().orElseThrow();
	}

	/**
	 * Two Group Chat pools share one Lookup account, and one lists a server twice: the registrar
	 * sees one registration per distinct Lookup service of both pools (4), over the global limit of
	 * 3. Hover used to count each pool's own 'servers' line (3 and 2) and never said the limit.
	 */
	@Test
	void lookupRegistrationsAreCountedAsTheRuleCountsThem() throws IOException {
		String text = """
				topology T {
				    product lync2010
				}
				registrar global {
				    max endpoints per user 3
				}
				site S {
				    enterprise pool p.contoso.com {
				    }
				    server gc1.contoso.com
				    server gc2.contoso.com
				    server gc3.contoso.com
				    server gc4.contoso.com
				    group chat pool chatA {
				        servers gc1.contoso.com, gc2.contoso.com, gc1.contoso.com
				        lookup account sip:ocschat@contoso.com homed on p.contoso.com
				    }
				    group chat pool chatB {
				        servers gc3.contoso.com, gc4.contoso.com
				        lookup account sip:OCSChat@contoso.com homed on p.contoso.com
				    }
				}
				""";
		XtextResource resource = load(text);
		List<Issue> issues = resource.getResourceServiceProvider().getResourceValidator().validate(resource,
				CheckMode.ALL, CancelIndicator.NullImpl);
		List<Issue> overMpop = issues.stream().filter(i -> "lookup-over-mpop".equals(i.getCode())).toList();
		assertEquals(1, overMpop.size(), issues.toString());
		assertTrue(overMpop.get(0).getMessage().contains("has 4 registrations"), overMpop.get(0).getMessage());

		TopologyHoverService hover = ide.getInstance(TopologyHoverService.class);
		for (String pool : List.of("chatA", "chatB")) {
			String contents = hover.getContents(groupChat(resource, pool));
			assertTrue(contents.contains("- Lookup account ") && contents.contains(": 4 registrations (4 Lookup services);"
					+ " limit of home pool p.contoso.com: 3, from the global setting (**over the limit**)"), contents);
		}
	}

	/** Under the limit, and an account whose home pool is not declared is not counted (nor checked). */
	@Test
	void underTheLimitAndUndeclaredHomePool() throws IOException {
		String text = """
				site S {
				    enterprise pool p.contoso.com {
				    }
				    server gc1.contoso.com
				    server gc2.contoso.com
				    group chat pool chatA {
				        servers gc1.contoso.com, gc2.contoso.com
				        lookup account sip:ocschat@contoso.com homed on p.contoso.com plus 1 other endpoint
				    }
				    group chat pool chatB {
				        servers gc1.contoso.com
				        lookup account sip:other@contoso.com homed on nowhere.contoso.com
				    }
				}
				""";
		XtextResource resource = load(text);
		TopologyHoverService hover = ide.getInstance(TopologyHoverService.class);
		String a = hover.getContents(groupChat(resource, "chatA"));
		assertTrue(a.contains(": 3 registrations (2 Lookup services, plus 1 other); limit of home pool p.contoso.com: 8,"
				+ " from the product default\n"), a);
		String b = hover.getContents(groupChat(resource, "chatB"));
		assertTrue(b.contains("sip:other@contoso.com: not counted, its home pool is not declared"), b);
	}
}
