package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.SimpleNameProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.naming.DeclaredNameProvider;
import org.ocs.topology.rules.Rule;

import com.google.inject.Injector;

/**
 * Declarations are named as Xtext's SimpleNameProvider names them (links, the index and rename
 * depend on it), by a provider that writes nothing into the model it reads.
 */
class NamingTest {

	private final Injector injector = new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration();

	@TempDir
	Path dir;

	@Test
	void everyObjectOfEveryExampleAndRulePageIsNamedAsXtextNamesIt() throws Exception {
		IQualifiedNameProvider ours = injector.getInstance(IQualifiedNameProvider.class);
		assertInstanceOf(DeclaredNameProvider.class, ours);
		SimpleNameProvider xtexts = injector.getInstance(SimpleNameProvider.class);
		Path root = TopologyTestSupport.repositoryRoot();
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(root.resolve("examples"))) {
			walk.filter(TopologyWorkspace::isTopologyFile).sorted().forEach(files::add);
		}
		int page = 0;
		for (Rule rule : Rule.values()) {
			String text = Files.readString(root.resolve(rule.documentationPath()));
			for (String kind : List.of("Failing", "Passing")) {
				for (String example : TopologyTestSupport.examples(text, kind)) {
					Path folder = Files.createDirectories(dir.resolve("page" + page++));
					files.add(Files.writeString(folder.resolve("example.ocstopo"), example));
				}
			}
		}
		int named = 0;
		int objects = 0;
		for (Path file : files) {
			Resource resource = new TopologyWorkspace(injector).load(file);
			for (Iterator<EObject> all = resource.getAllContents(); all.hasNext();) {
				EObject object = all.next();
				// Loading listed the file's names already: Xtext's provider would have left its watcher.
				assertTrue(object.eAdapters().stream().noneMatch(x -> x.getClass().getName().contains("SimpleAttributeResolver")),
						file + ": " + object + " carries Xtext's name watcher");
				int adapters = object.eAdapters().size();
				Object name = ours.getFullyQualifiedName(object);
				assertEquals(adapters, object.eAdapters().size(), file + ": naming " + object + " added to its adapters");
				assertEquals(xtexts.getFullyQualifiedName(object), name, file + ": " + object);
				objects++;
				named += name == null ? 0 : 1;
			}
		}
		assertTrue(named > 500 && objects > named, "named " + named + " of " + objects);
	}
}
