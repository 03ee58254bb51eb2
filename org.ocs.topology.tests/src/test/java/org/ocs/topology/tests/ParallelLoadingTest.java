package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.resource.ParallelLoading;

import com.google.inject.Injector;

/**
 * The command line and the build plugin parse a folder's files on every core (ParallelLoading):
 * the folder they check must be the folder loaded file by file, findings and all, and a file that
 * cannot be read is named while the others load.
 */
class ParallelLoadingTest {

	private static final Injector INJECTOR = new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration();

	@TempDir
	Path dir;

	/**
	 * Pools whose Front Ends sit on subnets of other files, a DNS file, files with a misspelt
	 * keyword, a stray brace and a reference to nothing: names across files, syntax errors,
	 * unresolved links and the folder-wide analysis all take part.
	 */
	private Path generatedFolder(int pools) throws Exception {
		Path folder = Files.createDirectories(dir.resolve("generated"));
		StringBuilder dns = new StringBuilder("dns {\n");
		for (int k = 0; k < pools; k++) {
			int subnetOf = (k + 1) % pools;
			String keyword = k % 7 == 3 ? "sever" : "server";
			String subnet = k % 11 == 5 ? "nowhere" : "s" + subnetOf;
			String stray = k % 13 == 6 ? "{\n" : "";
			String text = String.format(Locale.ROOT, """
					subnet s%1$d 10.%1$d.0.0/24
					%2$s fe%1$da.contoso.com {
					    interface 10.%3$d.0.11 on %4$s
					    default gateway 10.%3$d.0.1
					}
					%5$sserver fe%1$db.contoso.com {
					    interface 10.%3$d.0.12 on s%3$d
					    default gateway 10.%3$d.0.1
					}
					enterprise pool pool%1$d.contoso.com {
					    front ends fe%1$da.contoso.com, fe%1$db.contoso.com
					}
					""", k, keyword, subnetOf, subnet, stray);
			Files.writeString(folder.resolve(String.format(Locale.ROOT, "pool%03d.ocstopo", k)), text);
			dns.append(String.format(Locale.ROOT, "    A fe%1$da.contoso.com -> 10.%2$d.0.11%n    A fe%1$db.contoso.com -> 10.%2$d.0.12%n",
					k, subnetOf));
		}
		Files.writeString(folder.resolve("dns.ocstopo"), dns.append("}\ntopology Contoso {\n    product lync2010\n}\n"));
		return folder;
	}

	@Test
	void aFolderParsedOnEveryCoreIsTheFolderLoadedFileByFile() throws Exception {
		List<Path> folders = new ArrayList<>();
		folders.add(generatedFolder(120));
		Path examples = TopologyTestSupport.repositoryRoot().resolve("examples");
		try (Stream<Path> walk = Files.walk(examples)) {
			walk.filter(Files::isDirectory).sorted().forEach(folders::add);
		}
		int compared = 0;
		for (Path folder : folders) {
			List<Path> files = TopologyWorkspace.filesOf(folder);
			if (files.isEmpty()) {
				continue;
			}
			List<XtextResource> parallel = new TopologyWorkspace(INJECTOR).loadFolderOf(folder);
			XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
			List<Resource> oneByOne = new ArrayList<>();
			for (Path file : files) {
				oneByOne.add(set.getResource(URI.createFileURI(file.toAbsolutePath().normalize().toString()), true));
			}
			assertEquals(uris(oneByOne), uris(new ArrayList<>(parallel)), folder + ": the same files in the same order");
			assertEquals(uris(oneByOne), uris(parallel.get(0).getResourceSet().getResources()), folder + ": the set's resources in the files' order");
			for (int i = 0; i < files.size(); i++) {
				assertEquals(findings(oneByOne.get(i)), findings(parallel.get(i)), files.get(i) + ": the same findings");
				compared++;
			}
		}
		assertTrue(compared > 120, "files compared: " + compared);
		List<String> generated = findings(new TopologyWorkspace(INJECTOR).load(folders.get(0).resolve("pool003.ocstopo")));
		assertTrue(generated.stream().anyMatch(f -> f.contains("sever")), "the misspelt keyword is a finding: " + generated);
	}

	@Test
	void aFileThatCannotBeReadIsNamedAndTheOthersLoad() throws Exception {
		Path folder = generatedFolder(12);
		List<Path> files = new ArrayList<>(TopologyWorkspace.filesOf(folder));
		Path gone = folder.resolve("pool005.ocstopo");
		Files.delete(gone); // removed between the listing and the read, as an editor's save can
		ResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
		Map<Path, Exception> unreadable = ParallelLoading.load(set, files);
		assertEquals(List.of(gone), List.copyOf(unreadable.keySet()));
		assertInstanceOf(NoSuchFileException.class, unreadable.get(gone));
		// The file that could not be read is not left in the set; the others are, loaded, in order.
		List<Path> read = files.stream().filter(f -> !f.equals(gone)).toList();
		assertEquals(read.size(), set.getResources().size());
		for (int i = 0; i < read.size(); i++) {
			Resource resource = set.getResources().get(i);
			assertEquals(read.get(i).toString(), resource.getURI().toFileString());
			assertTrue(resource.isLoaded(), resource.getURI() + " loaded");
		}
		assertFalse(set.getResources().get(0).getContents().isEmpty());
		// Loaded files are not read again, even when they changed on disk; a file listed twice is loaded once.
		Object root = set.getResources().get(1).getContents().get(0);
		Files.writeString(read.get(1), "subnet changed 10.99.0.0/24\n");
		assertTrue(ParallelLoading.load(set, List.of(read.get(1), read.get(1), read.get(2))).isEmpty());
		assertTrue(root == set.getResources().get(1).getContents().get(0), "the loaded model was kept");
		assertEquals(read.size(), set.getResources().size());
	}

	private static List<String> uris(List<Resource> resources) {
		return resources.stream().map(r -> r.getURI().toString()).toList();
	}

	private static List<String> findings(Resource resource) {
		IResourceValidator validator = INJECTOR.getInstance(IResourceValidator.class);
		List<String> findings = new ArrayList<>();
		for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
			findings.add(issue.getLineNumber() + ":" + issue.getColumn() + " " + issue.getSeverity() + " " + issue.getCode() + " "
					+ issue.getMessage());
		}
		return findings;
	}
}
