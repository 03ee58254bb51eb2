package org.ocs.topology.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.topology.Model;
import org.ocs.topology.validation.FolderChecks;
import org.ocs.topology.validation.TopologyModel;

import com.google.inject.Injector;

/**
 * How time and memory grow with the size of a topology (docs/PERFORMANCE.md): a scripted harness,
 * not JMH, because each size is measured on a fresh resource set as the command line makes one,
 * and the memory a size keeps is part of the answer. For each size, after warm-up rounds, the
 * median of the measured rounds of: parse (load every file, as the command line does), link (resolve every reference), the
 * checks (every rule, the folder-wide analysis included, on linked models), the analysis alone, and
 * the heap the loaded and checked folder keeps after a full collection.
 *
 * <p>Two series: topologies of about 1k, 10k, 100k and 200k lines (Lync Server 2010 pools of 8
 * Front Ends, 10 pools to a file, half of them hairpinning: {@link GeneratedTopology}), and the
 * same 5,000 one-server topology in 1 to 5,000 files. Prints a markdown table and a CSV, and draws
 * both as one SVG image.
 *
 * <p>Usage: {@code java -Xmx1g -cp benchmarks.jar org.ocs.topology.bench.ScaleBenchmark OUT.svg [quick]};
 * {@code quick} measures only the small sizes, once (CI runs it so).
 * {@code ScaleBenchmark --folder FOLDER WARM-UPS ROUNDS} measures one folder alone (to compare two
 * builds, or under a profiler): without the JIT warm-up of the whole run, give it many warm-ups.
 */
public final class ScaleBenchmark {

	/** One measured size: milliseconds and megabytes. */
	record Row(String series, int lines, int files, long objects, double parse, double link, double checks,
			double analysis, double heapMb, double bestFull) {
		double full() {
			return parse + link + checks;
		}

		double objectsPerSecond() {
			return objects / (full() / 1000.0);
		}

		/** In the fastest measured round: what the code does when the shared machine lets it. */
		double bestObjectsPerSecond() {
			return objects / (bestFull / 1000.0);
		}
	}

	private final Injector injector = new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration();
	private final int warmUps;
	private final int rounds;

	private ScaleBenchmark(int warmUps, int rounds) {
		this.warmUps = warmUps;
		this.rounds = rounds;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: ScaleBenchmark OUT.svg [quick] | ScaleBenchmark --servers FOLDER SERVERS FILES"
					+ " | ScaleBenchmark --folder FOLDER WARM-UPS ROUNDS");
			System.exit(2);
		}
		if (args[0].equals("--servers")) {
			servers(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			return;
		}
		if (args[0].equals("--folder")) {
			// One row alone, for a profiler or to compare two builds: no JIT warm-up but the row's own.
			Row row = new ScaleBenchmark(Integer.parseInt(args[2]), Integer.parseInt(args[3])).measure("folder", Path.of(args[1]));
			System.out.println(table(List.of(row)));
			return;
		}
		boolean quick = args.length > 1 && args[1].equals("quick");
		ScaleBenchmark bench = quick ? new ScaleBenchmark(0, 1) : new ScaleBenchmark(3, 5);
		Path work = Files.createTempDirectory("ocstopo-scale");
		List<Row> rows = new ArrayList<>();
		if (!quick) {
			// The JIT first: without this the small sizes, measured first, were measured while the
			// compiler was still at work (10k lines: 10,000 objects/s against 50,000 once compiled).
			bench.warmUp(GeneratedTopology.write(work.resolve("warm-up"), 172, 8), JIT_WARM_UP_ROUNDS);
			// And what each file costs apart from its lines (its resource, parser, token stream,
			// validation), which a folder of a few large files hardly runs: the 5,000-file row's rounds
			// took 8 to 10 rounds to settle, beyond its own 3 warm-up rounds. Another split than any
			// measured.
			bench.warmUp(servers(work.resolve("warm-up-files"), 5000, 2500), FILES_WARM_UP_ROUNDS);
			// And a large topology: the 100k row, measured right after the 10k one, was the slowest per
			// object in every run, and in one JVM its rounds kept getting faster (2.2 s, then 1.8 s,
			// then 1.3 s, the 200k rows between them): code that only large folders run hot was still
			// being compiled. About 58,000 lines, a size no row measures.
			bench.warmUp(GeneratedTopology.write(work.resolve("warm-up-large"), 1000, 8), LARGE_WARM_UP_ROUNDS);
		}
		// Pools for about 1k, 10k, 100k and 200k lines (58 lines a pool).
		int[] pools = quick ? new int[] { 17, 172 } : new int[] { 17, 172, 1724, 3448 };
		for (int n : pools) {
			Path folder = GeneratedTopology.write(work.resolve("pools-" + n), n, 8);
			rows.add(bench.measure("lines", folder));
		}
		int[] splits = quick ? new int[] { 1, 100 } : new int[] { 1, 10, 100, 1000, 5000 };
		for (int files : splits) {
			rows.add(bench.measure("files", servers(work.resolve("servers-in-" + files), 5000, files)));
		}
		System.out.println(table(rows));
		Path svg = Path.of(args[0]);
		if (svg.getParent() != null) {
			Files.createDirectories(svg.getParent());
		}
		Files.writeString(svg, Plot.svg(rows));
		Files.writeString(Path.of(args[0].replaceAll("\\.svg$", "") + ".csv"), csv(rows));
		System.out.println("wrote " + svg);
	}

	/** {@code servers} one-server subnets (each a subnet and a server with an interface and a gateway) in {@code files} files. */
	static Path servers(Path folder, int servers, int files) throws IOException {
		Files.createDirectories(folder);
		StringBuilder[] texts = new StringBuilder[files];
		for (int i = 0; i < files; i++) {
			texts[i] = new StringBuilder();
		}
		for (int i = 0; i < servers; i++) {
			int a = i / 250;
			int b = i % 250;
			texts[i % files].append(String.format(Locale.ROOT, "subnet s%d 10.%d.%d.0/24%nserver fe%d.contoso.com {%n"
					+ "    interface 10.%d.%d.10 on s%d%n    default gateway 10.%d.%d.1%n}%n", i, a, b, i, a, b, i, a, b));
		}
		for (int i = 0; i < files; i++) {
			Files.writeString(folder.resolve(String.format(Locale.ROOT, "f%05d.ocstopo", i)), texts[i]);
		}
		return folder;
	}

	/** Rounds of the 10k-line topology, untimed, before any size is measured. */
	static final int JIT_WARM_UP_ROUNDS = 30;

	/** About how long a size's measured rounds take in all, when its rounds are short. */
	private static final double MEASURED_MILLIS = 1000;

	/** The most measured rounds of one size. */
	private static final int MAX_ROUNDS = 101;

	/** Untimed rounds of 5,000 servers in 2,500 files before any size is measured. */
	private static final int FILES_WARM_UP_ROUNDS = 10;

	/** Untimed rounds of 1,000 pools (about 58,000 lines) before any size is measured. */
	private static final int LARGE_WARM_UP_ROUNDS = 8;

	private void warmUp(Path folder, int times) throws IOException {
		measure("warm-up", folder, times, 1);
	}

	private Row measure(String series, Path folder) throws IOException {
		return measure(series, folder, warmUps, rounds);
	}

	private Row measure(String series, Path folder, int warmUps, int rounds) throws IOException {
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter(p -> p.toString().endsWith(".ocstopo")).sorted().toList();
		}
		int lines = 0;
		for (Path file : files) {
			lines += (int) Files.lines(file).count();
		}
		List<double[]> measured = new ArrayList<>();
		long objects = 0;
		List<Resource> held = List.of();
		int total = warmUps + rounds;
		for (int round = 0; round < total; round++) {
			// Only the last round's folder is kept (for its heap): holding the one before while this one
			// is loaded doubled the live heap, and the collector's work with it, which no run of the
			// command line has.
			held = List.of();
			double[] times = new double[4];
			// The command line's workspace, loading the folder as a check of one of its files does
			// (its files listed, then parsed on every core); each folder's policy is read once.
			TopologyWorkspace workspace = new TopologyWorkspace(injector);
			long start = System.nanoTime();
			List<Resource> resources;
			try {
				resources = new ArrayList<>(workspace.loadFolderOf(folder));
			} catch (TopologyWorkspace.UnreadableInput e) {
				throw new IOException(e.getMessage());
			}
			times[0] = millisSince(start);
			if (resources.size() != files.size()) {
				throw new IllegalStateException(resources.size() + " files loaded of " + files.size());
			}
			start = System.nanoTime();
			for (Resource resource : resources) {
				EcoreUtil.resolveAll(resource);
			}
			times[1] = millisSince(start);
			IResourceValidator validator = injector.getInstance(IResourceValidator.class);
			start = System.nanoTime();
			int findings = 0;
			for (Resource resource : resources) {
				findings += validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl).size();
			}
			times[2] = millisSince(start);
			List<Model> models = resources.stream().map(r -> (Model) r.getContents().get(0)).toList();
			start = System.nanoTime();
			FolderChecks.run(TopologyModel.of(models));
			times[3] = millisSince(start);
			if (round == warmUps - 1 && rounds > 1) {
				// A small folder takes a few milliseconds a round, and a few milliseconds of another
				// process's time moved its median by a fifth (1k lines: 11 to 15 ms): more rounds,
				// as many as take about a second, up to MAX_ROUNDS.
				double full = times[0] + times[1] + times[2];
				total = warmUps + Math.max(rounds, Math.min(MAX_ROUNDS, (int) Math.ceil(MEASURED_MILLIS / Math.max(full, 1))));
			}
			if (round >= warmUps) {
				measured.add(times);
				objects = 0;
				for (Resource resource : resources) {
					for (var it = resource.getAllContents(); it.hasNext(); it.next()) {
						objects++;
					}
				}
				held = resources;
			}
			if (findings < 0 || !(resources.get(0) instanceof XtextResource)) {
				throw new IllegalStateException("unreachable");
			}
		}
		// After the timed rounds: the full collections it forces shrink the heap, and a round timed
		// after them ran its checks two to three times slower (G1, 100k lines) than the round before.
		double heap = retainedMb();
		if (held.isEmpty()) {
			throw new IllegalStateException("no measured round");
		}
		double[] median = new double[4];
		for (int i = 0; i < 4; i++) {
			final int column = i;
			double[] values = measured.stream().mapToDouble(t -> t[column]).sorted().toArray();
			median[i] = values[values.length / 2];
		}
		double best = measured.stream().mapToDouble(t -> t[0] + t[1] + t[2]).min().orElseThrow();
		Row row = new Row(series, lines, files.size(), objects, median[0], median[1], median[2], median[3], heap, best);
		System.err.printf(Locale.ROOT, "%s: %,d lines in %,d files: %.0f ms, %.0f MB%n", series, lines, files.size(), row.full(),
				heap);
		return row;
	}

	private static double millisSince(long start) {
		return (System.nanoTime() - start) / 1e6;
	}

	/** The heap in use after full collections, while the caller still holds the folder. */
	private static double retainedMb() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
	}

	static String table(List<Row> rows) {
		StringBuilder table = new StringBuilder(
				"| series | lines | files | objects | parse ms | link ms | checks ms | analysis ms | full ms | objects/s | best round: full ms, objects/s | heap MB |\n"
						+ "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Row row : rows) {
			table.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.0f | %.0f | %.0f | %.0f | %.0f | %,.0f | %.0f, %,.0f | %.0f |%n",
					row.series(), row.lines(), row.files(), row.objects(), row.parse(), row.link(), row.checks(), row.analysis(),
					row.full(), row.objectsPerSecond(), row.bestFull(), row.bestObjectsPerSecond(), row.heapMb()));
		}
		return table.toString();
	}

	static String csv(List<Row> rows) {
		StringBuilder csv = new StringBuilder("series,lines,files,objects,parse_ms,link_ms,checks_ms,analysis_ms,full_ms,heap_mb,best_full_ms\n");
		for (Row row : rows) {
			csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f%n", row.series(), row.lines(),
					row.files(), row.objects(), row.parse(), row.link(), row.checks(), row.analysis(), row.full(), row.heapMb(),
					row.bestFull()));
		}
		return csv.toString();
	}

	/** Two charts side by side, hand-drawn SVG (no plotting library needed). */
	static final class Plot {
		private static final String[] COLOURS = { "#1b6ca8", "#d1495b", "#edae49", "#00798c", "#30638e", "#6a4c93" };

		static String svg(List<Row> rows) {
			List<Row> lines = rows.stream().filter(r -> r.series().equals("lines")).toList();
			List<Row> files = rows.stream().filter(r -> r.series().equals("files")).toList();
			StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"420\""
					+ " font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"1000\" height=\"420\" fill=\"white\"/>\n");
			chart(svg, 60, "Time (ms) and heap (MB) against lines", "lines", lines, Row::lines,
					List.of(new Series("full validation ms", Row::full), new Series("parse ms", Row::parse),
							new Series("link ms", Row::link), new Series("checks ms", Row::checks),
							new Series("analysis ms", Row::analysis), new Series("heap MB", Row::heapMb)));
			chart(svg, 560, "5,000 servers split into N files: time (ms)", "files", files, Row::files,
					List.of(new Series("full validation ms", Row::full), new Series("parse ms", Row::parse),
							new Series("checks ms", Row::checks)));
			return svg.append("</svg>\n").toString();
		}

		record Series(String name, java.util.function.ToDoubleFunction<Row> value) {
		}

		private static void chart(StringBuilder svg, int left, String title, String xName, List<Row> rows,
				java.util.function.ToIntFunction<Row> x, List<Series> series) {
			int top = 40;
			int width = 380;
			int height = 300;
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"14\">%s</text>%n", left, title));
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", left, top, width, height));
			if (rows.isEmpty()) {
				return;
			}
			double maxX = rows.stream().mapToDouble(x::applyAsInt).max().orElse(1);
			double maxY = series.stream().flatMapToDouble(s -> rows.stream().mapToDouble(s.value())).max().orElse(1);
			// Logarithmic x when the sizes span decades (1 to 5,000 files); linear otherwise.
			boolean log = xName.equals("files");
			double minX = log ? 1 : 0;
			java.util.function.DoubleUnaryOperator px = v -> left + width * (log ? Math.log10(Math.max(v, 1)) / Math.log10(maxX)
					: (v - minX) / (maxX - minX));
			java.util.function.DoubleUnaryOperator py = v -> top + height - height * v / maxY;
			for (int tick = 0; tick <= 4; tick++) {
				double value = maxY * tick / 4;
				svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>%n", left - 4,
						py.applyAsDouble(value) + 4, value));
			}
			double lastLabel = Double.NEGATIVE_INFINITY;
			for (Row row : rows) {
				double at = px.applyAsDouble(x.applyAsInt(row));
				if (at - lastLabel < 45) {
					continue; // too close to the last label to be read
				}
				lastLabel = at;
				svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d</text>%n", at,
						top + height + 16, x.applyAsInt(row)));
			}
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", left + width / 2,
					top + height + 34, xName));
			for (int s = 0; s < series.size(); s++) {
				Series one = series.get(s);
				String colour = COLOURS[s % COLOURS.length];
				StringBuilder points = new StringBuilder();
				for (Row row : rows) {
					points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(x.applyAsInt(row)),
							py.applyAsDouble(one.value().applyAsDouble(row))));
				}
				svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
						points.toString().trim(), colour, one.name().contains("MB") ? " stroke-dasharray=\"5,3\"" : ""));
				svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", left + 10,
						top + 16 + 15 * s, colour, one.name()));
			}
		}
	}
}
