package org.ocs.topology.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.TopologyStandaloneSetup;
import org.ocs.topology.headless.TopologyWorkspace;
import org.ocs.topology.topology.Model;
import org.ocs.topology.validation.FolderChecks;
import org.ocs.topology.validation.TopologyModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.google.inject.Injector;

/**
 * Validation time of a folder, end to end in one JVM (parse, link, every rule), and of the
 * folder-wide analysis alone on already linked models. {@code pools} = 0 stands for the largest
 * shipped example, examples/multisite (run from the repository root).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xmx4g" })
public class ValidationBenchmark {

	@Param({ "0", "25", "50", "100", "200" })
	public int pools;

	@Param({ "8" })
	public int frontEnds;

	private Injector injector;
	private Path folder;
	private List<Model> linked;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		injector = new TopologyStandaloneSetup().createInjectorAndDoEMFRegistration();
		if (pools == 0) {
			folder = Path.of("examples/multisite").toAbsolutePath();
		} else {
			folder = GeneratedTopology.write(Files.createTempDirectory("ocstopo-bench"), pools, frontEnds);
		}
		// Once, outside the measurement: the input must be clean of syntax errors to mean anything.
		TopologyWorkspace workspace = new TopologyWorkspace(injector);
		linked = new ArrayList<>();
		for (Path file : files()) {
			Model model = (Model) workspace.load(file).getContents().get(0);
			linked.add(model);
		}
		for (Model model : linked) {
			EcoreUtil.resolveAll(model.eResource());
			if (!model.eResource().getErrors().isEmpty()) {
				throw new IllegalStateException(folder + " has syntax errors: " + model.eResource().getErrors());
			}
		}
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> list = Files.list(folder)) {
			return list.filter(TopologyWorkspace::isTopologyFile).sorted().toList();
		}
	}

	/** What `ocstopo validate <folder>` does after JVM start: load, link and validate every file. */
	@Benchmark
	public int validateFolder() throws Exception {
		TopologyWorkspace workspace = new TopologyWorkspace(injector);
		int findings = 0;
		for (Path file : files()) {
			List<Issue> issues = workspace.validate(file);
			findings += issues.size();
		}
		return findings;
	}

	/** The folder-wide analysis alone: network view, MPOP, every Front End pair traced. */
	@Benchmark
	public int analyzeFolder() {
		return FolderChecks.run(TopologyModel.of(linked)).size();
	}
}
