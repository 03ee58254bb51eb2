package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.common.notify.Adapter;
import org.eclipse.emf.common.notify.Notifier;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.ocs.topology.scoping.TopologyFolder;
import org.ocs.topology.topology.EnterprisePool;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.Server;
import org.ocs.topology.topology.TopologyPackage.Literals;

/** References across the files of one folder, and never across folders. */
class ScopingTest extends TopologyTestSupport {

	@com.google.inject.Inject
	private TopologyFolder folders;

	private static final String SERVERS = """
			site Redmond {
			    subnet lan 192.0.2.0/24
			    server fe1.contoso.com {
			        interface 192.0.2.11 on lan
			    }
			}
			""";

	private static final String POOLS = """
			enterprise pool pool1.contoso.com {
			    front ends fe1.contoso.com
			}
			registrar site Redmond {
			    max endpoints per user 4
			}
			""";

	@Test
	void referencesResolveAcrossFilesOfOneFolder() {
		List<Model> folder = parseFolder(SERVERS, POOLS);
		validation.assertNoIssues(folder.get(0));
		validation.assertNoIssues(folder.get(1));
		Server fe1 = ParsingTest.find(folder.get(0), Server.class, "fe1.contoso.com");
		EnterprisePool pool = ParsingTest.find(folder.get(1), EnterprisePool.class, "pool1.contoso.com");
		assertSame(fe1, pool.getMembers().get(0));
	}

	@Test
	void filesOfAnotherFolderAreInvisible() {
		XtextResourceSet resourceSet = resourceSets.get();
		parseInto(resourceSet, "site-a", SERVERS);
		Model pools = parseInto(resourceSet, "site-b", POOLS).get(0);
		validation.assertError(pools, Literals.ENTERPRISE_POOL, "unresolved-reference",
				"No server named 'fe1.contoso.com' is declared in this folder.");
		validation.assertError(pools, Literals.REGISTRAR_SETTING, "unresolved-reference", "No site named 'Redmond'");
	}

	@Test
	void sameNamesInTwoFoldersDoNotClash() {
		XtextResourceSet resourceSet = resourceSets.get();
		Model a = parseInto(resourceSet, "broken", SERVERS).get(0);
		Model b = parseInto(resourceSet, "fixed", SERVERS).get(0);
		validation.assertNoIssues(a);
		validation.assertNoIssues(b);
	}

	@Test
	void duplicatesAreFoundAcrossFilesOfOneFolder() {
		List<Model> folder = parseFolder(SERVERS, SERVERS.replace("Redmond", "Dublin"));
		validation.assertError(folder.get(1), Literals.SERVER, "name-duplicate", "file0.ocstopo:3");
		validation.assertError(folder.get(1), Literals.NETWORK_INTERFACE, "address-duplicate", "192.0.2.11");
		validation.assertError(folder.get(1), Literals.SUBNET, "name-duplicate");
	}

	@Test
	void unresolvedReferenceNamesTheKindAndTheText() {
		Model model = parse("""
				subnet lan 192.0.2.0/24
				server fe1.contoso.com {
				    interface 192.0.2.11 on lann
				}
				group chat pool chat {
				    lookup account sip:ocschat@contoso.com homed on pool9.contoso.com
				}
				""");
		validation.assertError(model, Literals.NETWORK_INTERFACE, "unresolved-reference", "No subnet named 'lann'");
		validation.assertError(model, Literals.LOOKUP_ACCOUNT, "unresolved-reference",
				"No pool named 'pool9.contoso.com'");
		List<Issue> issues = validation.validate(model);
		Issue lann = issues.stream().filter(i -> i.getMessage().contains("lann")).findFirst().orElseThrow();
		assertEquals(3, lann.getLineNumber());
		assertEquals(29, lann.getColumn());
		assertEquals("lann", org.ocs.topology.rules.IssueData.read(lann.getData(),
				org.ocs.topology.rules.language.UnresolvedReference.Data.class).written(),
				"the unresolved text travels for a 'did you mean' fix");
	}

	@Test
	void aReferenceOfTheWrongKindDoesNotResolve() {
		// A Group Chat Lookup account is homed on a pool, never on a server (a Director pool is a
		// pool: lookup-home-not-registrar says why it cannot home the account).
		Model model = parse("""
				server dir.contoso.com
				group chat pool chat {
				    lookup account sip:ocschat@contoso.com homed on dir.contoso.com
				}
				""");
		validation.assertError(model, Literals.LOOKUP_ACCOUNT, "unresolved-reference");
		assertFalse(validation.validate(model).isEmpty());
		List<Issue> issues = validation.validate(model);
		assertTrue(issues.stream().allMatch(i -> "unresolved-reference".equals(i.getCode())), issues::toString);
	}

	/**
	 * The folder's caches (its files, their names, its findings) are kept outside EMF's adapter
	 * lists: the language server reads in parallel, and a read adding to a list another read walked
	 * broke it (an ArrayIndexOutOfBoundsException in hover, in one run of ten of
	 * halfTypedTextNeverBreaksTheServer, and in a validation in CI).
	 */
	@Test
	void theFolderKeepsNothingInEmfAdapterLists() {
		XtextResourceSet resourceSet = resourceSets.get();
		// The set is made with the one holder of the folder caches; nothing of ours is added later.
		List<Adapter> ours = ours(resourceSet);
		assertEquals(1, ours.size(), ours::toString);
		List<Model> folder = parseInto(resourceSet, "kept", SERVERS, POOLS);
		validation.assertNoIssues(folder.get(0));
		validation.assertNoIssues(folder.get(1));
		Resource first = folder.get(0).eResource();
		assertEquals(folder, folders.modelsOf(first));
		assertEquals(ours, ours(resourceSet));
		List<Notifier> notifiers = new java.util.ArrayList<>();
		resourceSet.getAllContents().forEachRemaining(notifiers::add);
		assertTrue(notifiers.size() >= 10, notifiers::toString);
		for (Notifier notifier : notifiers) {
			assertEquals(List.of(), ours(notifier), notifier::toString);
		}
	}

	private static List<Adapter> ours(Notifier notifier) {
		return notifier.eAdapters().stream().filter(adapter -> adapter.getClass().getName().startsWith("org.ocs.topology")).toList();
	}

	/** The list of a folder's models is the same list until a file's model changes (caches are keyed by it). */
	@Test
	void theFolderListsItsModelsAgainOnlyWhenOneChanges() throws java.io.IOException {
		XtextResourceSet resourceSet = resourceSets.get();
		List<Model> folder = parseInto(resourceSet, "listed", SERVERS, POOLS);
		Resource first = folder.get(0).eResource();
		List<Model> listed = folders.modelsOf(first);
		assertSame(listed, folders.modelsOf(folder.get(1).eResource()));
		// Another folder's file parsed: no model of this one changed.
		parseInto(resourceSet, "elsewhere", SERVERS);
		assertSame(listed, folders.modelsOf(first));
		// One of its files parsed again: a new model, a new list.
		XtextResource second = (XtextResource) folder.get(1).eResource();
		second.reparse(POOLS.replace("max endpoints per user 4", "max endpoints per user 5"));
		List<Model> relisted = folders.modelsOf(first);
		assertNotSame(listed, relisted);
		assertSame(second.getContents().get(0), relisted.get(1));
		assertSame(folder.get(0), relisted.get(0));
		// One unloaded: it is left out.
		second.unload();
		assertEquals(List.of(folder.get(0)), folders.modelsOf(first));
	}
}
