package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.resource.PositionFragmentProvider;

import com.google.inject.Injector;

/**
 * {@link PositionFragmentProvider} writes the fragments EMF writes (index, links and findings
 * depend on them), and EMF reads them back to the same objects; also after the file changes. A
 * hop of a trace names its declaration by EMF's URI.
 */
class FragmentTest {

	private final Injector injector = new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration();

	/** EMF's own fragment, from EMF's segments (each found by indexOf). */
	private static String emfFragment(EObject object) {
		List<String> segments = new ArrayList<>();
		InternalEObject current = (InternalEObject) object;
		while (current.eInternalContainer() != null) {
			InternalEObject container = current.eInternalContainer();
			segments.add(0, container.eURIFragmentSegment(current.eContainingFeature(), current));
			current = container;
		}
		List<EObject> roots = current.eResource().getContents();
		String root = "/" + (roots.size() > 1 ? Integer.toString(roots.indexOf(current)) : "");
		return segments.isEmpty() ? root : root + "/" + String.join("/", segments);
	}

	@Test
	void everyObjectOfEveryExampleHasEmfsFragment() throws IOException {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		List<Path> files;
		try (Stream<Path> walk = Files.walk(TopologyTestSupport.repositoryRoot().resolve("examples"))) {
			files = walk.filter(TopologyWorkspace::isTopologyFile).sorted().toList();
		}
		int objects = 0;
		for (Path file : files) {
			Resource resource = resourceSet.getResource(URI.createFileURI(file.toString()), true);
			for (Iterator<EObject> all = resource.getAllContents(); all.hasNext();) {
				EObject object = all.next();
				String fragment = resource.getURIFragment(object);
				assertEquals(emfFragment(object), fragment, file + ": " + object);
				assertSame(object, resource.getEObject(fragment), file + ": " + fragment);
				// A trace's hop names its declaration as EMF does (quick fixes and related information look it up so).
				assertEquals(org.eclipse.emf.ecore.util.EcoreUtil.getURI(object).toString(),
						org.ocs.topology.validation.HopData.decode(org.ocs.topology.validation.HopData.encode(object, "why")).objectUri(),
						file + ": " + object);
				objects++;
			}
		}
		assertTrue(objects > 250, "examples' objects: " + objects);
	}

	/** Unloading names each object's proxy by its fragment: the same as before the positions were kept. */
	@Test
	void unloadedObjectsAreProxiesNamedByEmfsFragments() throws IOException {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		Path file;
		try (Stream<Path> walk = Files.walk(TopologyTestSupport.repositoryRoot().resolve("examples"))) {
			file = walk.filter(TopologyWorkspace::isTopologyFile).sorted().findFirst().orElseThrow();
		}
		Resource resource = resourceSet.getResource(URI.createFileURI(file.toString()), true);
		java.util.Map<EObject, String> before = new java.util.LinkedHashMap<>();
		resource.getAllContents().forEachRemaining(object -> before.put(object, emfFragment(object)));
		assertTrue(before.size() > 10, "objects: " + before.size());
		resource.unload();
		before.forEach((object, fragment) -> {
			assertTrue(object.eIsProxy(), object.toString());
			assertEquals(resource.getURI().appendFragment(fragment), ((InternalEObject) object).eProxyURI());
		});
	}

	@Test
	void positionsFollowTheFileAfterItChanges() throws IOException {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		Resource resource = resourceSet.createResource(URI.createFileURI("/work/test/fragments/site.ocstopo"));
		resource.load(new java.io.ByteArrayInputStream("""
				site hq {
				    subnet a 10.0.1.0/24
				    subnet b 10.0.2.0/24
				    subnet c 10.0.3.0/24
				}
				""".getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
		EObject site = resource.getContents().get(0).eContents().get(0);
		EObject c = site.eContents().get(2);
		assertEquals("//@declarations.0/@members.2", resource.getURIFragment(c));
		// Taking the first subnet out moves the others up: the positions kept are forgotten.
		org.eclipse.emf.ecore.util.EcoreUtil.remove(site.eContents().get(0));
		assertEquals("//@declarations.0/@members.1", resource.getURIFragment(c));
		assertEquals(emfFragment(c), resource.getURIFragment(c));
	}
}
