package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ocs.topology.formatting2.TopologyFormatting;
import org.ocs.topology.topology.Model;

import com.google.inject.Inject;

/** One canonical layout: examples are already in it, formatting is idempotent, comments survive. */
class FormatterTest extends TopologyTestSupport {

	@Inject
	private TopologyFormatting formatting;

	private String format(String text) {
		Model model = parse(text);
		XtextResource resource = (XtextResource) model.eResource();
		assertTrue(formatting.canFormat(resource), () -> "syntax errors: " + resource.getErrors());
		return formatting.format(resource);
	}

	static Stream<Path> exampleFiles() throws IOException {
		try (Stream<Path> walk = Files.walk(repositoryRoot().resolve("examples"))) {
			List<Path> files = walk.filter(p -> p.toString().endsWith(".ocstopo")).sorted().toList();
			assertTrue(files.size() >= 6, "examples found: " + files);
			return files.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("exampleFiles")
	void examplesAreCanonicalAndFormattingIsIdempotent(Path file) throws IOException {
		String text = Files.readString(file);
		String once = format(text);
		assertEquals(text, once, file + " is not in the canonical layout");
		assertEquals(once, format(once), "formatting " + file + " twice changed it");
	}

	@Test
	void messyTextGetsTheCanonicalLayout() {
		String messy = """
				  // header comment
				topology   Contoso{product lync2010
				sip domains contoso.com ,fabrikam.com}



				site Redmond { subnet lan 192.0.2.0/24
				server fe1.contoso.com{interface 192.0.2.11 on lan /* the only NIC */
				default gateway 192.0.2.1}
				load balancer f5 { virtual server vip 203.0.113.10 { ports tcp 5061,443 members fe1.contoso.com
				source translation automap } tcp idle timeout 1800 } }
				""";
		String canonical = """
				// header comment
				topology Contoso {
				    product lync2010
				    sip domains contoso.com, fabrikam.com
				}

				site Redmond {
				    subnet lan 192.0.2.0/24
				    server fe1.contoso.com {
				        interface 192.0.2.11 on lan /* the only NIC */
				        default gateway 192.0.2.1
				    }
				    load balancer f5 {
				        virtual server vip 203.0.113.10 {
				            ports tcp 5061, 443
				            members fe1.contoso.com
				            source translation automap
				        }
				        tcp idle timeout 1800
				    }
				}
				""";
		String once = format(messy);
		assertEquals(canonical, once);
		assertEquals(once, format(once));
	}

	/**
	 * A comment after a blank line before a block's '}' stays in the block, indented with its
	 * lines, and the blank line is kept; formatting again changes nothing (FormatFuzzTest found it
	 * going to the brace's indentation, then back).
	 */
	@Test
	void aCommentBeforeAClosingBraceStaysInTheBlock() {
		String once = format("site s {\n    director pool d {\n        next hop p // a\n\n    // b\n    }\n}\n");
		assertEquals("site s {\n    director pool d {\n        next hop p // a\n\n        // b\n    }\n}\n", once);
		assertEquals(once, format(once));
	}

	@Test
	void textWithSyntaxErrorsIsNotFormatted() {
		assertFalse(formatting.canFormat((XtextResource) parse("server fe1.contoso.com {\n interface\n}").eResource()));
		assertFalse(formatting.canFormat((XtextResource) parse("subnet lan 192.0.2.0/24\n}\n").eResource()));
	}

	@Test
	void commentsSurviveEverywhere() {
		String text = """
				/* before everything */
				site Redmond { // after a brace
				    // own line inside a block
				    subnet lan 192.0.2.0/24 // trailing

				    /* between declarations */
				    server fe1.contoso.com
				}
				// at the end
				""";
		String once = format(text);
		for (String comment : List.of("/* before everything */", "// after a brace", "// own line inside a block",
				"// trailing", "/* between declarations */", "// at the end")) {
			assertTrue(once.contains(comment), comment + " lost in:\n" + once);
		}
		assertEquals(once, format(once));
	}
}
