package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.Matcher;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ocs.topology.topology.Model;

import com.google.inject.Inject;
import com.google.inject.Provider;

/** Parsing and validation helpers shared by the language tests. */
@ExtendWith(InjectionExtension.class)
@InjectWith(TopologyInjectorProvider.class)
public abstract class TopologyTestSupport {

	@Inject
	protected ParseHelper<Model> parseHelper;

	@Inject
	protected ValidationTestHelper validation;

	@Inject
	protected Provider<XtextResourceSet> resourceSets;

	private static int folderCounter;

	/** Parses one file alone in a folder of its own. */
	protected Model parse(String text) {
		return parseFolder(text).get(0);
	}

	/** Parses several files into one folder, i.e. one topology; the models in the order given. */
	protected List<Model> parseFolder(String... texts) {
		XtextResourceSet resourceSet = resourceSets.get();
		return parseInto(resourceSet, "topology" + (++folderCounter), texts);
	}

	protected List<Model> parseInto(XtextResourceSet resourceSet, String folder, String... texts) {
		List<Model> models = new ArrayList<>();
		try {
			for (int i = 0; i < texts.length; i++) {
				URI uri = URI.createFileURI("/work/test/" + folder + "/file" + i + ".ocstopo");
				Model model = parseHelper.parse(texts[i], uri, resourceSet);
				assertNotNull(model, "file " + i + " did not parse to a model");
				models.add(model);
			}
		} catch (Exception e) {
			throw new AssertionError(e);
		}
		return models;
	}

	/** The repository root, where examples/ and docs/ live. */
	/**
	 * A rule page's examples of one kind ("Failing" or "Passing"), in page order: a heading may name
	 * the case ("## Failing example: Lync Server 2010"), and a page may have several of each.
	 */
	public static List<String> examples(String page, String kind) {
		Matcher matcher = Pattern.compile("## " + kind + " example[^\n]*\n\\s*```ocstopo\\n(.*?)```", Pattern.DOTALL)
				.matcher(page);
		List<String> all = new ArrayList<>();
		while (matcher.find()) {
			all.add(matcher.group(1));
		}
		return all;
	}

	/**
	 * A copy of a built jar that any user can read, for a process run as another user ('nobody'):
	 * the clone may sit in a folder only its owner can enter (mktemp -d makes it 0700).
	 */
	static synchronized Path readableByAnyone(Path jar) throws java.io.IOException {
		Path folder = java.nio.file.Files.createTempDirectory("ocstopo-jar");
		java.nio.file.Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		Path copy = java.nio.file.Files.copy(jar, folder.resolve(jar.getFileName()));
		java.nio.file.Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
		copy.toFile().deleteOnExit();
		folder.toFile().deleteOnExit();
		return copy;
	}

	public static Path repositoryRoot() {
		String root = System.getProperty("ocstopo.root");
		return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
	}
}
