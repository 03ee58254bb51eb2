package org.ocs.topology.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.ocs.topology.analysis.net.AddressText;
import org.ocs.topology.analysis.routing.FlowTrace;
import org.ocs.topology.analysis.routing.FlowTrace.Resolution;
import org.ocs.topology.analysis.routing.FlowTrace.Verdict;
import org.ocs.topology.analysis.routing.FlowTracer;
import org.ocs.topology.analysis.routing.NameResolver;
import org.ocs.topology.analysis.routing.TraceText;
import org.ocs.topology.analysis.routing.Hop;
import org.ocs.topology.analysis.routing.Leg;
import org.ocs.topology.analysis.routing.NetworkView;
import org.ocs.topology.analysis.routing.NetworkView.Host;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.naming.Similarity;
import org.ocs.topology.topology.ARecord;
import org.ocs.topology.topology.Model;
import org.ocs.topology.topology.SourceTranslation;
import org.ocs.topology.topology.VirtualServer;
import org.ocs.topology.validation.CheckFailures;
import org.ocs.topology.validation.TopologyModel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocstopo trace}: one flow and its reply through the folder's network, hop by hop, each hop
 * with the declaration responsible for it. The network and the tracing are the validators' own
 * ({@link TopologyModel#network()}, {@link FlowTracer}), so the command and the findings agree.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
		description = { "Follows a flow from a server to a name and port, then its reply, hop by hop,",
				"naming the declaration (file:line:col) behind each hop, and gives the verdict.",
				"The name resolves as the server would resolve it: its hosts entries, then DNS;",
				"one trace per address when there are several." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:every flow and its reply are delivered, the same way both directions",
				"1:some flow is dropped, hairpinned or asymmetric",
				"2:could not run (unknown server or name, no such folder, bad arguments)" })
public final class TraceCommand implements Callable<Integer> {

	enum Format {
		TEXT, JSON
	}

	enum Transport {
		TCP, UDP
	}

	@Parameters(paramLabel = "FOLDER", description = "the topology: the .ocstopo files of this folder")
	private Path folder;

	@Option(names = "--from", required = true, paramLabel = "SERVER", description = "the declared server that opens the connection")
	private String from;

	@Option(names = "--to", required = true, paramLabel = "FQDN", description = "the name (or IPv4 address) it connects to")
	private String to;

	@Option(names = "--port", required = true, paramLabel = "N", description = "destination port")
	private int port;

	@Option(names = "--protocol", defaultValue = "tcp", paramLabel = "tcp|udp", description = "tcp (default) or udp")
	private String protocol;

	@Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
			description = "text (default), or json: one object per traced flow")
	private String format;

	@Option(names = "--debug", description = "Print the stack trace of an internal error to standard error.")
	private boolean debug;

	/** The folder's network, as the validators see it. */
	private NetworkView network;

	/** Where a declaration is written: the file as the user would name it, 1-based line and column. */
	record Location(String file, int line, int column) {
		@Override
		public String toString() {
			return file + ":" + line + ":" + column;
		}
	}

	@Override
	public Integer call() {
		Main.debug = debug;
		Logger.getLogger("org.eclipse.xtext").setLevel(debug ? Level.ALL : Level.OFF);
		CheckFailures.LOG.setLevel(debug ? Level.ALL : Level.OFF);
		Format output = parse(Format.class, format, "--format", "text or json");
		Transport transport = parse(Transport.class, protocol, "--protocol", "tcp or udp");
		if (output == null || transport == null) {
			return Main.CANNOT_RUN;
		}
		if (transport == Transport.UDP) {
			// The network view knows the TCP ports of virtual servers only; a UDP trace would guess.
			System.err.println("ocstopo: trace follows TCP flows only: the analysis does not model UDP virtual servers yet");
			return Main.CANNOT_RUN;
		}
		if (port < 1 || port > 65535) {
			System.err.println("ocstopo: --port " + port + " is not a port (1 to 65535)");
			return Main.CANNOT_RUN;
		}
		List<Model> models;
		try {
			models = load();
		} catch (CannotRun e) {
			System.err.println("ocstopo: " + e.getMessage());
			return Main.CANNOT_RUN;
		}
		TopologyModel topology = TopologyModel.of(models);
		network = topology.network();
		FlowTracer tracer = new FlowTracer(network);

		Host sender = network.host(from).orElse(null);
		if (sender == null) {
			List<String> servers = network.devices().stream().filter(Host.class::isInstance).map(d -> d.name()).toList();
			String kind = network.balancer(from).isPresent() ? " (it is a load balancer: a trace starts at a server)" : "";
			System.err.println("ocstopo: no server '" + from + "' in " + folder + kind + didYouMean(from, servers));
			return Main.CANNOT_RUN;
		}
		List<Resolution> resolutions;
		AddressText literal = AddressText.parse(to);
		if (literal.isValid() && literal.prefixLength().isEmpty()) {
			resolutions = List.of(new Resolution(to, literal.address(), Resolution.Method.LITERAL, null));
		} else {
			resolutions = new NameResolver(network).resolve(sender, to);
		}
		if (resolutions.isEmpty()) {
			Set<String> names = new LinkedHashSet<>(sender.hostsFile().keySet());
			topology.all(ARecord.class).stream().filter(r -> r.getHost() != null).forEach(r -> names.add(r.getHost()));
			System.err.println("ocstopo: " + to + " resolves to nothing for " + sender.name()
					+ ": no hosts entry and no DNS A record" + didYouMean(to, names));
			return Main.CANNOT_RUN;
		}
		// Naming a server means that server should answer; a pool or service name is answered by whoever is behind it.
		String expectedPeer = network.host(to).map(Host::name).orElse(null);
		List<FlowTrace> traces = new ArrayList<>();
		for (Resolution resolution : resolutions) {
			traces.addAll(tracer.traceAll(sender, resolution, expectedPeer, port));
		}
		if (output == Format.JSON) {
			JsonArray all = new JsonArray();
			traces.forEach(trace -> all.add(json(trace)));
			System.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(all));
		} else {
			for (int i = 0; i < traces.size(); i++) {
				if (i > 0) {
					System.out.println();
				}
				System.out.print(text(traces.get(i)));
			}
		}
		return traces.stream().anyMatch(t -> t.verdict().isProblem()) ? Main.FINDINGS : Main.CLEAN;
	}

	static final class CannotRun extends Exception {
		private static final long serialVersionUID = 1L;

		CannotRun(String message) {
			super(message);
		}
	}

	/** The folder's files, parsed; syntax errors are a warning, since what parsed can still be traced. */
	private List<Model> load() throws CannotRun {
		if (!Files.isDirectory(folder)) {
			throw new CannotRun(folder + (Files.exists(folder) ? ": not a folder" : ": no such folder"));
		}
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter(TopologyWorkspace::isTopologyFile).map(p -> p.toAbsolutePath().normalize()).sorted().toList();
		} catch (IOException | RuntimeException e) {
			throw new CannotRun(folder + ": cannot list folder: " + e.getMessage());
		}
		if (files.isEmpty()) {
			throw new CannotRun("no " + TopologyWorkspace.EXTENSION + " files in " + folder);
		}
		TopologyWorkspace workspace = XtextSetup.workspace();
		List<Model> models = new ArrayList<>();
		int syntaxErrors = 0;
		String first = null;
		for (Path file : files) {
			XtextResource resource;
			try {
				resource = workspace.load(file);
			} catch (TopologyWorkspace.UnreadableInput e) {
				throw new CannotRun(e.getMessage());
			}
			for (Resource.Diagnostic error : resource.getErrors()) {
				syntaxErrors++;
				if (first == null) {
					first = InputFiles.shown(file) + ":" + error.getLine() + ":" + error.getColumn() + ": "
							+ error.getMessage().replaceAll("\\s*\\R\\s*", " ");
				}
			}
			if (!resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Model model) {
				models.add(model);
			}
		}
		if (syntaxErrors > 0) {
			System.err.println("ocstopo: warning: " + ValidateCommand.count(syntaxErrors, "syntax error") + " (first: "
					+ first + "); tracing what parsed, see 'ocstopo validate " + folder + "'");
		}
		return models;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String option, String expected) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value)) {
				return constant;
			}
		}
		System.err.println("ocstopo: " + option + " expects " + expected + ", but was '" + value + "'");
		return null;
	}

	private static String didYouMean(String written, java.util.Collection<String> candidates) {
		List<String> closest = Similarity.closest(written, candidates);
		return closest.isEmpty() ? "" : " (did you mean '" + closest.get(0) + "'?)";
	}

	// ------------------------------------------------------------ declarations

	static Location locate(Object declaration) {
		if (!(declaration instanceof EObject object) || object.eResource() == null) {
			return null;
		}
		var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(object);
		if (node == null) {
			return null;
		}
		var start = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getLineAndColumn(node, node.getOffset());
		String file = object.eResource().getURI().isFile() ? InputFiles.shown(Path.of(object.eResource().getURI().toFileString()))
				: object.eResource().getURI().toString();
		return new Location(file, start.getLine(), start.getColumn());
	}

	/** The declarations behind a hop: its own, and for a translation also the virtual server it belongs to. */
	private static Map<String, Location> declarations(Hop hop, NetworkView network) {
		Map<String, Location> found = new LinkedHashMap<>();
		Object declaration = hop.declaration();
		if (declaration instanceof SourceTranslation translation && translation.eContainer() instanceof VirtualServer vs) {
			put(found, "virtual server", locate(vs));
			put(found, "source translation", locate(translation));
		} else if (declaration instanceof VirtualServer vs) {
			put(found, "virtual server", locate(vs));
		} else {
			put(found, kindOf(declaration), locate(declaration));
		}
		// A balancer that rewrites the source: the self IP (or SNAT address) the peer will see.
		if (hop.kind() == Hop.Kind.BALANCER && hop.source() != null && !hop.source().equals(hop.sourceIn())) {
			network.nicOf(hop.source()).ifPresent(nic -> put(found, "self IP", locate(nic.source())));
		}
		return found;
	}

	private static void put(Map<String, Location> found, String what, Location location) {
		if (location != null) {
			found.putIfAbsent(what, location);
		}
	}

	private static String kindOf(Object declaration) {
		if (!(declaration instanceof EObject object)) {
			return "declaration";
		}
		// DefaultGateway -> "default gateway", NetworkInterface -> "network interface", ARecord -> "a record".
		String name = object.eClass().getName();
		return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
	}

	// ------------------------------------------------------------ text

	private String text(FlowTrace trace) {
		Resolution resolution = trace.resolution();
		StringBuilder out = new StringBuilder();
		out.append(trace.from()).append(" -> ").append(to).append(" (").append(resolution.address()).append(") tcp/")
				.append(port).append(", ").append(how(resolution)).append('\n');
		leg(out, "request", trace.request(), 1);
		int next = trace.request() == null ? 1 : listed(trace.request()).size() + 1;
		if (trace.reply() != null) {
			leg(out, "reply", trace.reply(), next);
		} else if (trace.request() != null && trace.request().delivered()) {
			out.append("reply:\n  (not traced)\n");
		}
		out.append("verdict: ").append(verdictWord(trace.verdict())).append(": ").append(explanation(trace)).append('\n');
		return out.toString();
	}

	/** The tracer's explanation; a dropped request's is its drop reason, said of the packet. */
	static String explanation(FlowTrace trace) {
		boolean requestDropped = trace.request() != null && !trace.request().delivered();
		return requestDropped ? "the request " + TraceText.explanation(trace) : TraceText.explanation(trace);
	}

	private static String how(Resolution resolution) {
		Location at = locate(resolution.declaration());
		String where = at == null ? "" : " at " + at;
		return switch (resolution.method()) {
			case DNS -> "resolved by DNS A record" + where;
			case HOSTS_FILE -> "resolved by the hosts entry" + where;
			case LITERAL -> "an address, not resolved";
		};
	}

	/** The hops worth a line: the name resolution is the header's business. */
	private static List<Hop> listed(Leg leg) {
		return leg.hops().stream().filter(h -> h.kind() != Hop.Kind.RESOLVE).toList();
	}

	private void leg(StringBuilder out, String title, Leg leg, int number) {
		if (leg == null) {
			return;
		}
		out.append(title).append(":\n");
		for (Hop hop : listed(leg)) {
			Map<String, Location> where = declarations(hop, network);
			// A drop's reason is said of the packet ("reaches VIP ..., which has no virtual server ...").
			String step = hop.kind() == Hop.Kind.DROP ? "dropped at " + TraceText.device(hop) + ": the packet " + TraceText.why(hop)
					: TraceText.why(hop);
			StringBuilder line = new StringBuilder("  ").append(number++).append(". ").append(step);
			if (!where.isEmpty()) {
				List<String> parts = new ArrayList<>();
				where.forEach((what, location) -> parts.add(what + " " + location));
				line.append("   (").append(String.join(", ", parts)).append(')');
			}
			out.append(line).append('\n');
		}
	}

	static String verdictWord(Verdict verdict) {
		return switch (verdict) {
			case DIRECT, THROUGH_BALANCER_SOURCE_KEPT -> "delivered";
			case HAIRPIN -> "hairpin";
			case ASYMMETRIC -> "asymmetric";
			case UNREACHABLE -> "dropped";
			case UNRESOLVED -> "unresolved";
		};
	}

	// ------------------------------------------------------------ json

	private JsonObject json(FlowTrace trace) {
		JsonObject flow = new JsonObject();
		flow.addProperty("from", trace.from());
		flow.addProperty("to", to);
		flow.addProperty("protocol", "tcp");
		flow.addProperty("port", port);
		Resolution resolution = trace.resolution();
		JsonObject resolved = new JsonObject();
		resolved.addProperty("address", resolution.address().toString());
		resolved.addProperty("method", switch (resolution.method()) {
			case DNS -> "dns";
			case HOSTS_FILE -> "hosts-file";
			case LITERAL -> "literal";
		});
		location(resolved, locate(resolution.declaration()));
		flow.add("resolved", resolved);
		flow.add("request", jsonHops(trace.request()));
		flow.add("reply", jsonHops(trace.reply()));
		JsonObject verdict = new JsonObject();
		verdict.addProperty("result", verdictWord(trace.verdict()));
		verdict.addProperty("kind", trace.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		verdict.addProperty("problem", trace.verdict().isProblem());
		verdict.addProperty("cause", trace.cause().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		verdict.addProperty("explanation", explanation(trace));
		flow.add("verdict", verdict);
		return flow;
	}

	private JsonArray jsonHops(Leg leg) {
		JsonArray hops = new JsonArray();
		if (leg == null) {
			return hops;
		}
		for (Hop hop : listed(leg)) {
			JsonObject item = new JsonObject();
			item.addProperty("device", hop.device());
			item.addProperty("role", hop.role().name().toLowerCase(Locale.ROOT));
			item.addProperty("action", hop.kind().name().toLowerCase(Locale.ROOT));
			if (hop.dropReason() != null) {
				item.addProperty("dropReason", hop.dropReason().name().toLowerCase(Locale.ROOT));
			}
			item.addProperty("sourceIn", text(hop.sourceIn()));
			item.addProperty("destinationIn", text(hop.destinationIn()));
			item.addProperty("source", text(hop.source()));
			item.addProperty("destination", text(hop.destination()));
			item.addProperty("brief", TraceText.brief(hop));
			item.addProperty("why", TraceText.why(hop));
			Map<String, Location> where = declarations(hop, network);
			if (!where.isEmpty()) {
				location(item, where.values().iterator().next());
				JsonArray declarations = new JsonArray();
				where.forEach((what, location) -> {
					JsonObject declaration = new JsonObject();
					declaration.addProperty("what", what);
					location(declaration, location);
					declarations.add(declaration);
				});
				item.add("declarations", declarations);
			}
			hops.add(item);
		}
		return hops;
	}

	private static String text(Object address) {
		return address == null ? null : address.toString();
	}

	private static void location(JsonObject into, Location location) {
		if (location == null) {
			return;
		}
		JsonObject at = new JsonObject();
		at.addProperty("file", location.file());
		at.addProperty("line", location.line());
		at.addProperty("column", location.column());
		into.add("location", at);
	}
}
