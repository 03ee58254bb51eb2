package org.ocs.topology.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's start-up, whole process: each variant below started as a process, one after the
 * other in every round (so a busy moment of this shared machine hits them all alike), and the wall
 * time from start to exit. Prints the median, 90th percentile and fastest of each, and the median as
 * a multiple of {@code java -version}'s. Run from the repository root after a build:
 *
 * <pre>
 * java -cp org.ocs.topology.bench/target/benchmarks.jar org.ocs.topology.bench.StartupBenchmark [rounds] [folder]
 * </pre>
 *
 * The variants add one means at a time to the plain {@code java -jar}: the class-data sharing
 * archive the build makes next to the jar, then the launcher's JVM options, then the launcher
 * itself ({@code ./ocstopo}, which also checks that the jar is not older than the sources). The
 * {@code java} on the PATH runs them all, as in the launcher.
 *
 * <p>With {@code -Dstartup.reference=DIR}, a checkout of the command line as issue 8 found it, built
 * by {@code org.ocs.topology.bench/startup-reference.sh}, runs beside them on its own copy of the
 * example: issue 8 measured it at 1.0 s; its time on the day says how much slower or faster the
 * machine is than when the 0.5 s target was set.
 */
public final class StartupBenchmark {

	private StartupBenchmark() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
		String folder = args.length > 1 ? args[1] : "examples/multisite";
		Path jar = Path.of("org.ocs.topology.cli/target/ocstopo.jar").toAbsolutePath();
		Path archive = Path.of("org.ocs.topology.cli/target/ocstopo.jsa").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			System.err.println("StartupBenchmark: no " + jar + "; run from the repository root after ./mvnw -B -DskipTests package");
			System.exit(2);
		}
		if (!Files.isRegularFile(archive)) {
			System.err.println("StartupBenchmark: no " + archive + " (the build makes it with the jar)");
			System.exit(2);
		}
		List<String> cds = List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
				"-Xlog:cds+dynamic=off", "-Xlog:class+path=off");
		List<String> validate = List.of("-jar", jar.toString(), "validate", folder);

		Map<String, List<String>> variants = new LinkedHashMap<>();
		variants.put("java -version", List.of("java", "-version"));
		String reference = System.getProperty("startup.reference");
		if (reference != null) {
			Path referenceJar = Path.of(reference, "org.ocs.topology.cli/target/ocstopo.jar");
			if (!Files.isRegularFile(referenceJar)) {
				System.err.println("StartupBenchmark: no " + referenceJar + "; build it with org.ocs.topology.bench/startup-reference.sh");
				System.exit(2);
			}
			variants.put("issue 8's reference (1.0 s then): java -jar", List.of("java", "-jar", referenceJar.toString(),
					"validate", Path.of(reference, folder).toString()));
		}
		variants.put("java -jar ocstopo.jar validate (baseline)", concat(List.of("java"), validate));
		variants.put("  + CDS archive", concat(List.of("java"), cds, validate));
		variants.put("  + CDS + -XX:TieredStopAtLevel=1", concat(List.of("java"), cds, List.of("-XX:TieredStopAtLevel=1"), validate));
		variants.put("  + CDS + -XX:+UseSerialGC", concat(List.of("java"), cds, List.of("-XX:+UseSerialGC"), validate));
		variants.put("  + CDS + both",
				concat(List.of("java"), cds, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), validate));
		variants.put("  + CDS + both + no verification (the launcher's)", concat(List.of("java"), cds,
				List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions",
						"-XX:-BytecodeVerificationRemote"), validate));
		List<String> launcher = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote"));
		if (transparentHugePagesOnRequest()) { // the launcher adds it only then (and so does this)
			launcher.add("-XX:+UseTransparentHugePages");
			variants.put("  + the above + -XX:+UseTransparentHugePages", concat(List.of("java"), cds, launcher, validate));
		}
		// The launcher's choice until 2026-12-04, against its choice since: fewer compilations, or one
		// compiler thread at the usual thresholds.
		variants.put("  + the above + -XX:CompileThresholdScaling=3",
				concat(List.of("java"), cds, launcher, List.of("-XX:CompileThresholdScaling=3"), validate));
		launcher.add("-XX:CICompilerCount=1");
		variants.put("  + the above but -XX:CICompilerCount=1 (the launcher's)", concat(List.of("java"), cds, launcher, validate));
		variants.put("./ocstopo validate " + folder, List.of("./ocstopo", "validate", folder));
		variants.put("./ocstopo rules", List.of("./ocstopo", "rules"));
		variants.put("./ocstopo explain gateway-multiple", List.of("./ocstopo", "explain", "gateway-multiple"));
		variants.put("./ocstopo --help", List.of("./ocstopo", "--help"));
		variants.put("java -jar ocstopo.jar rules (baseline)", List.of("java", "-jar", jar.toString(), "rules"));

		// The launcher builds first when the jar is stale: make sure that happens before, not during.
		run(List.of("./ocstopo", "--version"));
		Map<String, long[]> times = new LinkedHashMap<>();
		variants.keySet().forEach(name -> times.put(name, new long[rounds]));
		for (int round = -2; round < rounds; round++) { // two uncounted warm-up rounds (file cache)
			for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
				long nanos = run(variant.getValue());
				if (round >= 0) {
					times.get(variant.getKey())[round] = nanos;
				}
			}
		}

		System.out.printf(Locale.ROOT, "%d rounds, %s, %d cores%n", rounds, javaVersion(),
				Runtime.getRuntime().availableProcessors());
		double javaVersion = median(times.get("java -version"));
		System.out.printf(Locale.ROOT, "%-52s %9s %9s %9s %9s%n", "command", "median", "p90", "min", "x java");
		for (Map.Entry<String, long[]> entry : times.entrySet()) {
			long[] t = entry.getValue().clone();
			Arrays.sort(t);
			System.out.printf(Locale.ROOT, "%-52s %7.0fms %7.0fms %7.0fms %8.1fx%n", entry.getKey(), median(t) / 1e6,
					percentile(t, 0.9) / 1e6, t[0] / 1e6, median(t) / javaVersion);
		}
	}

	/** Runs a command to its end, output discarded; the wall time in nanoseconds. Fails if it could not run (exit 2). */
	private static long run(List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD);
		long start = System.nanoTime();
		int exit = builder.start().waitFor();
		long nanos = System.nanoTime() - start;
		if (exit > 1) {
			throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
		}
		return nanos;
	}

	/** The kernel gives 2 MB pages when asked (madvise mode), as the launcher checks. */
	private static boolean transparentHugePagesOnRequest() {
		try {
			return Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")).contains("[madvise]");
		} catch (IOException e) {
			return false;
		}
	}

	private static String javaVersion() throws IOException, InterruptedException {
		Process process = new ProcessBuilder("java", "-version").redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
		String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("java ?");
		process.waitFor();
		return first;
	}

	@SafeVarargs
	private static List<String> concat(List<String>... parts) {
		List<String> all = new ArrayList<>();
		for (List<String> part : parts) {
			all.addAll(part);
		}
		return all;
	}

	private static double median(long[] values) {
		long[] t = values.clone();
		Arrays.sort(t);
		return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2.0;
	}

	/** Nearest-rank percentile of sorted values. */
	private static double percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}
}
