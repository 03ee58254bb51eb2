package org.ocs.topology.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The built Eclipse drop-in bundle ({@code org.ocs.topology.eclipse/target/org.ocs.topology.eclipse_*.jar}):
 * its files and plugin.xml, its manifest resolving in a real Equinox, its plugin.xml read by the
 * real Equinox extension registry and its content type found by the platform's content type manager
 * for a {@code .ocstopo} file, and its LSP4E connection class, created by that registry the way
 * LSP4E creates it, starting the bundled language server and speaking LSP with it.
 *
 * <p>LSP4E and TM4E are not on Maven Central, so their bundles are stand-ins made here: each has
 * the real symbolic name, declares the real extension point ids, and (for LSP4E) exports
 * {@code org.eclipse.lsp4e.server} at its real version 0.1.0 with the API declaration the plug-in is
 * compiled against. The platform bundles (Equinox, registry, content types) are the real ones.
 */
class EclipseBundleTest {

	private static final String CONNECTION_CLASS = "org.ocs.topology.eclipse.TopologyLanguageServerConnection";
	/** Checked against LSP4E 0.30.8 (f40d39c3), TM4E 0.17.3 (727dce43) and the platform's schemas. */
	private static final Set<String> EXTENSION_POINTS = Set.of(
			"org.eclipse.core.contenttype.contentTypes",
			"org.eclipse.ui.editors",
			"org.eclipse.tm4e.registry.grammars",
			"org.eclipse.tm4e.languageconfiguration.languageConfigurations",
			"org.eclipse.lsp4e.languageServer");

	private static Path root;
	private static Path bundleJar;

	@TempDir
	Path temp;

	private Framework framework;

	@BeforeAll
	static void locateBundle() throws IOException {
		root = TopologyTestSupport.repositoryRoot();
		Path target = root.resolve("org.ocs.topology.eclipse/target");
		try (Stream<Path> jars = Files.list(target)) {
			// the newest, should an older version's jar still lie there
			bundleJar = jars.filter(p -> p.getFileName().toString().matches("org\\.ocs\\.topology\\.eclipse_.*\\.jar"))
					.max(Comparator.comparing(p -> p.toFile().lastModified()))
					.orElseThrow(() -> new AssertionError("build the Eclipse bundle first (./mvnw -B -DskipTests package): " + target));
		}
	}

	@AfterEach
	void stopAll() throws Exception {
		// a failed test's server must not outlive it
		ProcessHandle.current().descendants()
				.filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(temp.toString())).orElse(false))
				.forEach(ProcessHandle::destroyForcibly);
		if (framework != null) {
			framework.stop();
			framework.waitForStop(30_000);
		}
	}

	// ---- the jar's contents ---------------------------------------------------------------------

	@Test
	void manifestIsAnEclipseSingletonBundleForJava17ImportingOnlyLsp4eServerAndOsgi() throws IOException {
		try (JarFile jar = new JarFile(bundleJar.toFile())) {
			Attributes main = jar.getManifest().getMainAttributes();
			assertEquals("2", main.getValue(Constants.BUNDLE_MANIFESTVERSION));
			assertEquals("org.ocs.topology.eclipse;singleton:=true", main.getValue(Constants.BUNDLE_SYMBOLICNAME));
			assertEquals("JavaSE-17", main.getValue(Constants.BUNDLE_REQUIREDEXECUTIONENVIRONMENT));
			String version = main.getValue(Constants.BUNDLE_VERSION);
			String fileVersion = bundleJar.getFileName().toString().replaceAll("^org\\.ocs\\.topology\\.eclipse_(.*)\\.jar$", "$1");
			assertTrue(version.matches(java.util.regex.Pattern.quote(fileVersion) + "\\.v\\d{12}"),
					"the project's version with a build time qualifier: " + version);
			assertEquals("org.eclipse.lsp4e.server;version=\"[0.1.0,1.0.0)\",org.osgi.framework;version=\"[1.6.0,2.0.0)\"",
					main.getValue(Constants.IMPORT_PACKAGE));
			assertNull(main.getValue(Constants.REQUIRE_BUNDLE));
			List<String> foreign = jar.stream().map(JarEntry::getName).filter(n -> n.startsWith("org/eclipse/")).toList();
			assertEquals(List.of(), foreign, "LSP4E's API declaration is for compiling only; LSP4E provides the real one");
		}
	}

	@Test
	void pluginXmlUsesTheVerifiedExtensionPointsAndNamesFilesThatAreInTheJar() throws Exception {
		try (JarFile jar = new JarFile(bundleJar.toFile())) {
			Document plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder()
					.parse(jar.getInputStream(jar.getEntry("plugin.xml")));
			List<Element> extensions = children(plugin.getDocumentElement(), "extension");
			assertEquals(EXTENSION_POINTS, extensions.stream().map(e -> e.getAttribute("point")).collect(Collectors.toSet()));
			assertEquals(EXTENSION_POINTS.size(), extensions.size());

			Element contentType = only(extension(extensions, "org.eclipse.core.contenttype.contentTypes"), "content-type");
			String contentTypeId = contentType.getAttribute("id");
			assertEquals("org.ocs.topology.ocstopo", contentTypeId);
			assertEquals("org.eclipse.core.runtime.text", contentType.getAttribute("base-type"));
			assertEquals("ocstopo", contentType.getAttribute("file-extensions"));

			Element binding = only(extension(extensions, "org.eclipse.ui.editors"), "editorContentTypeBinding");
			assertEquals(contentTypeId, binding.getAttribute("contentTypeId"));
			assertEquals("org.eclipse.ui.genericeditor.GenericEditor", binding.getAttribute("editorId"));

			Element grammars = extension(extensions, "org.eclipse.tm4e.registry.grammars");
			Element grammar = only(grammars, "grammar");
			Element scopeBinding = only(grammars, "scopeNameContentTypeBinding");
			assertEquals("source.ocstopo", grammar.getAttribute("scopeName"));
			assertEquals(grammar.getAttribute("scopeName"), scopeBinding.getAttribute("scopeName"));
			assertEquals(contentTypeId, scopeBinding.getAttribute("contentTypeId"));
			byte[] grammarBytes = entry(jar, grammar.getAttribute("path"));
			JsonObject grammarJson = JsonParser.parseString(new String(grammarBytes, StandardCharsets.UTF_8)).getAsJsonObject();
			assertEquals(grammar.getAttribute("scopeName"), grammarJson.get("scopeName").getAsString(),
					"the grammar file declares the scope that plugin.xml registers it under");
			assertArrayEquals(Files.readAllBytes(root.resolve("vscode/syntaxes/ocstopo.tmLanguage.json")), grammarBytes,
					"the VS Code extension's grammar, as built");

			Element configuration = only(extension(extensions, "org.eclipse.tm4e.languageconfiguration.languageConfigurations"),
					"languageConfiguration");
			assertEquals(contentTypeId, configuration.getAttribute("contentTypeId"));
			byte[] configurationBytes = entry(jar, configuration.getAttribute("path"));
			assertTrue(JsonParser.parseString(new String(configurationBytes, StandardCharsets.UTF_8)).isJsonObject());
			assertArrayEquals(Files.readAllBytes(root.resolve("vscode/language-configuration.json")), configurationBytes);

			Element lsp = extension(extensions, "org.eclipse.lsp4e.languageServer");
			Element server = only(lsp, "server");
			Element mapping = only(lsp, "contentTypeMapping");
			assertEquals(CONNECTION_CLASS, server.getAttribute("class"));
			assertNotNull(jar.getEntry(CONNECTION_CLASS.replace('.', '/') + ".class"), "the server class is in the jar");
			assertFalse(server.getAttribute("label").isBlank());
			assertEquals(server.getAttribute("id"), mapping.getAttribute("id"));
			assertEquals(contentTypeId, mapping.getAttribute("contentType"));
			assertEquals("ocstopo", mapping.getAttribute("languageId"));

			Path built = root.resolve("org.ocs.topology.ide/target/ocstopo-language-server.jar");
			assertArrayEquals(sha256(Files.readAllBytes(built)), sha256(entry(jar, "server/ocstopo-language-server.jar")),
					"the language server jar of this build travels in the bundle");
		}
	}

	// ---- in Equinox -----------------------------------------------------------------------------

	@Test
	void resolvesInEquinoxWithLsp4eAndLoadsTheConnectionFromTheBundle() throws Exception {
		BundleContext context = launchEquinox();
		Bundle lsp4e = context.installBundle(lsp4eStandIn().toUri().toString());
		Bundle plugin = context.installBundle(bundleJar.toUri().toString());
		assertTrue(context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(lsp4e, plugin)));
		assertEquals("org.ocs.topology.eclipse", plugin.getSymbolicName());
		// Equinox starts a lazy bundle as soon as it resolves; it waits for its first class load.
		assertEquals(Bundle.STARTING, plugin.getState(), "resolved and lazily started");

		Class<?> connection = plugin.loadClass(CONNECTION_CLASS);
		assertEquals(Bundle.ACTIVE, plugin.getState(), "activated by loading its class");
		assertSame(plugin, FrameworkUtil.getBundle(connection), "loaded by the plug-in's own class loader");
		Class<?> api = connection.getInterfaces()[0];
		assertEquals("org.eclipse.lsp4e.server.StreamConnectionProvider", api.getName());
		assertSame(lsp4e, FrameworkUtil.getBundle(api), "the interface comes from the LSP4E bundle, not from the plug-in");
		List<String> imported = plugin.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package").stream()
				.map(wire -> wire.getProvider().getBundle().getSymbolicName() + ":"
						+ wire.getCapability().getAttributes().get("osgi.wiring.package"))
				.sorted().toList();
		assertEquals(List.of("org.eclipse.lsp4e:org.eclipse.lsp4e.server", "org.eclipse.osgi:org.osgi.framework"), imported);
	}

	@Test
	void withoutLsp4eTheBundleStaysUnresolved() throws Exception {
		BundleContext context = launchEquinox();
		Bundle plugin = context.installBundle(bundleJar.toUri().toString());
		assertFalse(context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(plugin)));
		assertEquals(Bundle.INSTALLED, plugin.getState(), "an Eclipse without LSP4E leaves the plug-in out rather than half-working");
	}

	@Test
	void extensionRegistryReadsPluginXmlAndCreatesTheConnectionThatRunsTheServer() throws Exception {
		BundleContext context = launchEquinox();
		List<Bundle> bundles = new ArrayList<>();
		for (Class<?> platform : List.of(org.eclipse.core.runtime.IProgressMonitor.class, // equinox.common
				org.eclipse.core.runtime.IExtensionRegistry.class, // equinox.registry
				org.eclipse.core.runtime.preferences.IEclipsePreferences.class, // equinox.preferences
				org.osgi.service.prefs.Preferences.class,
				org.eclipse.core.runtime.content.IContentTypeManager.class)) { // the contentTypes point
			bundles.add(context.installBundle(jarOf(platform).toUri().toString()));
		}
		bundles.add(context.installBundle(lsp4eStandIn().toUri().toString()));
		bundles.add(context.installBundle(standIn("org.eclipse.tm4e.registry", null, "grammars").toUri().toString()));
		bundles.add(context.installBundle(
				standIn("org.eclipse.tm4e.languageconfiguration", null, "languageConfigurations").toUri().toString()));
		bundles.add(context.installBundle(standIn("org.eclipse.ui", null, "editors").toUri().toString()));
		Bundle plugin = context.installBundle(bundleJar.toUri().toString());
		bundles.add(plugin);
		assertTrue(context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(bundles),
				() -> bundles.stream().map(b -> b.getSymbolicName() + "=" + b.getState()).toList().toString());
		for (Bundle bundle : bundles) {
			if (bundle.getSymbolicName().startsWith("org.eclipse.equinox.")) {
				bundle.start();
			}
		}
		// Not getServiceReference: the test's own copy of IExtensionRegistry is not the registry bundle's.
		ServiceReference<?>[] references = context.getAllServiceReferences("org.eclipse.core.runtime.IExtensionRegistry", null);
		assertNotNull(references, () -> "the registry runs: "
				+ bundles.stream().map(b -> b.getSymbolicName() + "=" + b.getState()).toList());
		Object registry = context.getService(references[0]);

		Object[] contentTypes = elementsFor(registry, "org.eclipse.core.contenttype.contentTypes");
		Object ours = Arrays.stream(contentTypes).filter(e -> "org.ocs.topology.ocstopo".equals(attribute(e, "id")))
				.findFirst().orElseThrow(() -> new AssertionError("no ocstopo content type in the registry"));
		assertEquals("org.ocs.topology.eclipse", call(ours, "getNamespaceIdentifier"));
		assertTrue(Arrays.stream(contentTypes).anyMatch(e -> "org.eclipse.core.runtime.text".equals(attribute(e, "id"))),
				"its base type is declared by the real content type bundle");
		for (String point : EXTENSION_POINTS) {
			Object[] elements = elementsFor(registry, point);
			assertTrue(Arrays.stream(elements).anyMatch(e -> "org.ocs.topology.eclipse".equals(call(e, "getNamespaceIdentifier"))),
					"the registry files the plug-in's contribution under " + point);
		}
		Object[] lspElements = elementsFor(registry, "org.eclipse.lsp4e.languageServer");
		assertEquals(List.of("server", "contentTypeMapping"), Arrays.stream(lspElements).map(e -> (String) call(e, "getName")).toList());
		Object grammar = Arrays.stream(elementsFor(registry, "org.eclipse.tm4e.registry.grammars"))
				.filter(e -> "grammar".equals(call(e, "getName"))).findFirst().orElseThrow();
		assertNotNull(plugin.getEntry(attribute(grammar, "path")), "TM4E finds the grammar at platform:/plugin/org.ocs.topology.eclipse/<path>");

		// The platform's content type manager (its DS component's class, called directly: no DS runtime here).
		Bundle contentTypeBundle = bundles.stream().filter(b -> "org.eclipse.core.contenttype".equals(b.getSymbolicName()))
				.findFirst().orElseThrow();
		Object manager = contentTypeBundle.loadClass("org.eclipse.core.internal.content.ContentTypeManager")
				.getMethod("getInstance").invoke(null);
		Object type = manager.getClass().getMethod("findContentTypeFor", String.class).invoke(manager, "redmond.ocstopo");
		assertNotNull(type, "a .ocstopo file has a content type");
		assertEquals("org.ocs.topology.ocstopo", call(type, "getId"));
		assertEquals("org.eclipse.core.runtime.text", call(call(type, "getBaseType"), "getId"));
		assertEquals("UTF-8", call(type, "getDefaultCharset"));

		// As LSP4E's LanguageServerDefinition does: createExecutableExtension("class") on the server element.
		Object serverElement = lspElements[0];
		Object connection = serverElement.getClass().getMethod("createExecutableExtension", String.class)
				.invoke(serverElement, "class");
		assertEquals(CONNECTION_CLASS, connection.getClass().getName());
		assertSame(plugin, FrameworkUtil.getBundle(connection.getClass()));
		speakLspThroughTheConnection(connection, plugin);
	}

	/** Starts the server through the plug-in's class, opens a broken topology, gets its finding, shuts down, stops. */
	private void speakLspThroughTheConnection(Object connection, Bundle plugin) throws Exception {
		Path workspace = Files.createDirectories(temp.resolve("workspace"));
		Path broken = root.resolve("examples/groupchat-mpop/broken");
		for (String file : List.of("topology.ocstopo", "redmond.ocstopo")) {
			Files.copy(broken.resolve(file), workspace.resolve(file));
		}
		invoke(connection, "start");
		try {
			assertNull(invoke(connection, "getErrorStream"), "stderr goes to the log file");
			InputStream in = (InputStream) invoke(connection, "getInputStream");
			OutputStream out = (OutputStream) invoke(connection, "getOutputStream");
			assertNotNull(in);
			assertNotNull(out);

			Path dataArea = plugin.getDataFile("").toPath();
			Path copy = dataArea.resolve("ocstopo-language-server-" + plugin.getVersion() + ".jar");
			assertTrue(Files.isRegularFile(copy), "unpacked into the bundle's data area: " + copy);
			List<ProcessHandle> servers = serversRunning(copy);
			assertEquals(1, servers.size(), "one server process, started from the unpacked jar");
			ProcessHandle server = servers.get(0);
			assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath(),
					Path.of(server.info().command().orElseThrow()).toRealPath(), "run by the Java that runs Eclipse");

			Path log = dataArea.resolve("ocstopo-language-server.log");
			LanguageServerSession session = LanguageServerSession.over(in, out, Duration.ofSeconds(90), () -> {
				try {
					return Files.readString(log);
				} catch (IOException e) {
					return "(no log: " + e + ")";
				}
			});
			InitializeResult result = session.initialize(workspace, new ClientCapabilities());
			assertNotNull(result.getCapabilities().getTextDocumentSync());
			String uri = workspace.resolve("topology.ocstopo").toUri().toString();
			session.documents().didOpen(new DidOpenTextDocumentParams(
					new TextDocumentItem(uri, "ocstopo", 1, Files.readString(workspace.resolve("topology.ocstopo")))));
			// The MPOP finding arrives; a failure shows the server log.
			session.diagnosticsOf(uri, d -> !LanguageServerSession.withCode(d, "lookup-over-mpop").isEmpty());

			session.shutdown(Duration.ofSeconds(30));
			invoke(connection, "stop");
			assertFalse(server.isAlive(), "stop() leaves no server process behind");
			String written = Files.readString(log);
			assertTrue(written.startsWith("--- ") && written.contains(copy.toString()), "the log names the launched command: " + written);
		} finally {
			invoke(connection, "stop");
		}
	}

	@Test
	void stopEndsARunningServerAndAMissingJavaIsASentenceNotACrash() throws Exception {
		BundleContext context = launchEquinox();
		context.installBundle(lsp4eStandIn().toUri().toString());
		Bundle plugin = context.installBundle(bundleJar.toUri().toString());
		Object connection = plugin.loadClass(CONNECTION_CLASS).getConstructor().newInstance();
		invoke(connection, "start");
		Path copy = plugin.getDataFile("ocstopo-language-server-" + plugin.getVersion() + ".jar").toPath();
		List<ProcessHandle> servers = serversRunning(copy);
		assertEquals(1, servers.size());
		// No shutdown/exit first: a server that does not answer still goes.
		invoke(connection, "stop");
		assertFalse(servers.get(0).isAlive());
		assertNull(invoke(connection, "getInputStream"), "no streams once stopped");

		String missing = temp.resolve("no-such-jdk/bin/java").toString();
		System.setProperty("ocstopo.java", missing);
		try {
			InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
					() -> connection.getClass().getMethod("start").invoke(connection));
			assertTrue(thrown.getCause() instanceof IOException, thrown.getCause().toString());
			assertEquals("-Docstopo.java=" + missing + " does not name an executable java.", thrown.getCause().getMessage());
			assertEquals(List.of(), serversRunning(copy));
		} finally {
			System.clearProperty("ocstopo.java");
		}
	}

	// ---- helpers --------------------------------------------------------------------------------

	private BundleContext launchEquinox() throws Exception {
		FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
		Map<String, String> config = new HashMap<>();
		config.put(Constants.FRAMEWORK_STORAGE, temp.resolve("osgi").toString());
		config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
		// Eclipse's other areas, which Equinox would otherwise place beside the working directory and in the home
		config.put("osgi.instance.area", temp.resolve("instance").toUri().toString());
		config.put("osgi.user.area", temp.resolve("user").toUri().toString());
		framework = factory.newFramework(config);
		framework.start();
		assertEquals("org.eclipse.osgi", framework.getSymbolicName(), "Equinox");
		return framework.getBundleContext();
	}

	/** LSP4E's bundle name, its server package at its real version, the API declaration and the extension point. */
	private Path lsp4eStandIn() throws IOException {
		return standIn("org.eclipse.lsp4e", "org.eclipse.lsp4e.server;version=\"0.1.0\"", "languageServer");
	}

	private Path standIn(String symbolicName, String exportPackage, String extensionPoint) throws IOException {
		Manifest manifest = new Manifest();
		Attributes main = manifest.getMainAttributes();
		main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
		main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName + ";singleton:=true");
		main.putValue(Constants.BUNDLE_VERSION, "0.0.0.standin");
		if (exportPackage != null) {
			main.putValue(Constants.EXPORT_PACKAGE, exportPackage);
		}
		Path jar = temp.resolve(symbolicName + "-standin.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
			out.putNextEntry(new JarEntry("plugin.xml"));
			out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?eclipse version=\"3.4\"?>\n<plugin>\n"
					+ "  <extension-point id=\"" + extensionPoint + "\" name=\"" + extensionPoint + "\"/>\n</plugin>\n")
					.getBytes(StandardCharsets.UTF_8));
			if (exportPackage != null) {
				String api = "org/eclipse/lsp4e/server/StreamConnectionProvider.class";
				Path compiled = root.resolve("org.ocs.topology.eclipse/target/classes").resolve(api);
				assertTrue(Files.isRegularFile(compiled), "the LSP4E API declaration compiled by the Eclipse module: " + compiled);
				out.putNextEntry(new JarEntry(api));
				out.write(Files.readAllBytes(compiled));
			}
		}
		return jar;
	}

	private static Path jarOf(Class<?> type) throws Exception {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

	private static List<ProcessHandle> serversRunning(Path jar) {
		return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
				.filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(jar.toString())).orElse(false))
				.toList();
	}

	private static Object invoke(Object target, String method) throws Exception {
		try {
			return target.getClass().getMethod(method).invoke(target);
		} catch (InvocationTargetException e) {
			throw e.getCause() instanceof Exception cause ? cause : e;
		}
	}

	/** Reflection, since the registry's classes live in Equinox's class loaders, not in the test's. */
	private static Object call(Object target, String method) {
		try {
			Method m = target.getClass().getMethod(method);
			m.setAccessible(true);
			return m.invoke(target);
		} catch (ReflectiveOperationException e) {
			throw new AssertionError(e);
		}
	}

	private static String attribute(Object element, String name) {
		try {
			Method m = element.getClass().getMethod("getAttribute", String.class);
			m.setAccessible(true);
			return (String) m.invoke(element, name);
		} catch (ReflectiveOperationException e) {
			throw new AssertionError(e);
		}
	}

	private static Object[] elementsFor(Object registry, String point) throws ReflectiveOperationException {
		Method m = registry.getClass().getMethod("getConfigurationElementsFor", String.class);
		m.setAccessible(true);
		return (Object[]) m.invoke(registry, point);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
				found.add(element);
			}
		}
		return found;
	}

	private static Element extension(List<Element> extensions, String point) {
		return extensions.stream().filter(e -> e.getAttribute("point").equals(point)).findFirst().orElseThrow();
	}

	private static Element only(Element parent, String name) {
		Set<String> all = new TreeSet<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element element) {
				all.add(element.getTagName());
			}
		}
		List<Element> found = children(parent, name);
		assertEquals(1, found.size(), "one " + name + " in " + all);
		return found.get(0);
	}

	private static byte[] entry(JarFile jar, String path) throws IOException {
		JarEntry entry = jar.getJarEntry(path);
		assertNotNull(entry, "plugin.xml names " + path + ", which must be in the jar");
		try (InputStream in = jar.getInputStream(entry)) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			return bytes.toByteArray();
		}
	}

	private static byte[] sha256(byte[] bytes) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(bytes);
	}
}
