package org.ocs.topology.policy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ocs.topology.naming.Similarity;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.rules.Severity;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * A project's {@code ocstopo.json}: rules turned off or given another severity, rules that may not
 * be suppressed inline, and files left out. Plain Java (Gson's streaming reader, for the positions
 * of mistakes); every mistake is kept as a {@link Problem} with its line and column, and the
 * entries that are right still apply.
 */
public final class ProjectPolicy {

	public static final List<String> FILE_NAMES = List.of("ocstopo.json", ".ocstopo.json");

	/** Rules whose findings must never disappear: turning them off would hide that nothing was checked. */
	public static final Set<Rule> FIXED = Set.of(Rule.SYNTAX_ERROR, Rule.INTERNAL_ERROR, Rule.POLICY_INVALID);

	private static final Set<String> KEYS = Set.of("rules", "unsuppressible", "exclude");

	/** A mistake in the policy file, 1-based. */
	public record Problem(Path file, int line, int column, String message) {
		@Override
		public String toString() {
			return file + ":" + line + ":" + column + ": " + message;
		}
	}

	private final Path file;
	private final Map<Rule, Optional<Severity>> severities = new LinkedHashMap<>();
	private final Set<Rule> unsuppressible = new LinkedHashSet<>();
	private final List<String> excludes = new ArrayList<>();
	private final List<PathMatcher> excludeMatchers = new ArrayList<>();
	private final List<Problem> problems = new ArrayList<>();

	private ProjectPolicy(Path file) {
		this.file = file;
	}

	public Path file() {
		return file;
	}

	/** The folder the exclude globs are relative to. */
	public Path folder() {
		return file.toAbsolutePath().getParent();
	}

	public List<Problem> problems() {
		return List.copyOf(problems);
	}

	/** The severity a rule's findings get: empty when the rule is off. */
	public Optional<Severity> severity(Rule rule) {
		return severities.getOrDefault(rule, Optional.of(rule.severity()));
	}

	public boolean unsuppressible(Rule rule) {
		return unsuppressible.contains(rule);
	}

	public List<String> excludes() {
		return List.copyOf(excludes);
	}

	/** Whether a file (or a file inside an excluded folder) is left out. */
	public boolean excludes(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		if (!absolute.startsWith(folder())) {
			return false;
		}
		Path relative = folder().relativize(absolute);
		for (Path prefix = relative; prefix != null; prefix = prefix.getParent()) {
			for (PathMatcher matcher : excludeMatchers) {
				if (matcher.matches(prefix)) {
					return true;
				}
			}
		}
		return false;
	}

	public static ProjectPolicy read(Path file) throws IOException {
		return parse(file, Files.readString(file));
	}

	/** A policy file that could not be read: it applies nothing and says so. */
	static ProjectPolicy unreadable(Path file, String reason) {
		ProjectPolicy policy = new ProjectPolicy(file);
		policy.problems.add(new Problem(file, 1, 1, "cannot read the policy file: " + reason));
		return policy;
	}

	public static ProjectPolicy parse(Path file, String text) {
		ProjectPolicy policy = new ProjectPolicy(file);
		new Reader(policy, text).read();
		return policy;
	}

	/** Reads the JSON, recording each mistake where it is; the reader's position is Gson's. */
	private static final class Reader {
		private static final Pattern LOCATION = Pattern.compile("at line (\\d+) column (\\d+)");

		private final ProjectPolicy policy;
		private final JsonReader json;

		Reader(ProjectPolicy policy, String text) {
			this.policy = policy;
			this.json = new JsonReader(new StringReader(text));
			json.setStrictness(Strictness.STRICT);
		}

		void read() {
			try {
				if (json.peek() != JsonToken.BEGIN_OBJECT) {
					problem(tokenStart(), "the policy is a JSON object, e.g. {\"rules\": {\"gateway-multiple\": \"off\"}}");
					return;
				}
				json.beginObject();
				Set<String> seen = new LinkedHashSet<>();
				while (json.hasNext()) {
					int[] at = tokenStart();
					String key = json.nextName();
					if (!seen.add(key)) {
						problem(at, "'" + key + "' is given twice");
					}
					switch (key) {
					case "rules" -> rules();
					case "unsuppressible" -> unsuppressible();
					case "exclude" -> exclude();
					default -> {
						problem(at, "unknown key '" + key + "'" + didYouMean(key, KEYS) + "; the keys are "
								+ String.join(", ", KEYS.stream().sorted().toList()));
						json.skipValue();
					}
					}
				}
				json.endObject();
				if (json.peek() != JsonToken.END_DOCUMENT) {
					problem(tokenStart(), "text after the policy's closing '}'");
				}
			} catch (IOException | IllegalStateException | NumberFormatException e) {
				// Malformed JSON: Gson's message says where. Fail closed: a half-read policy applies nothing.
				policy.severities.clear();
				policy.unsuppressible.clear();
				policy.excludes.clear();
				policy.excludeMatchers.clear();
				Matcher where = LOCATION.matcher(String.valueOf(e.getMessage()));
				int[] at = where.find() ? new int[] { Integer.parseInt(where.group(1)), Integer.parseInt(where.group(2)) }
						: position();
				String message = String.valueOf(e.getMessage()).replaceAll("\\s*at line \\d+ column \\d+.*", "")
						.replaceAll("\\s*See https?://\\S+", "");
				policy.problems.add(new Problem(policy.file, at[0], at[1], "not valid JSON: " + message));
			}
		}

		private void rules() throws IOException {
			if (!expect(JsonToken.BEGIN_OBJECT, "'rules' is an object of rule ID to severity, e.g. {\"gateway-multiple\": \"off\"}")) {
				return;
			}
			json.beginObject();
			while (json.hasNext()) {
				int[] at = tokenStart();
				String id = json.nextName();
				Optional<Rule> rule = rule(id, at);
				int[] valueAt = tokenStart();
				if (json.peek() != JsonToken.STRING) {
					problem(valueAt, "the severity of " + id + " is one of " + levels());
					json.skipValue();
					continue;
				}
				String level = json.nextString();
				Optional<Optional<Severity>> severity = severity(level);
				if (severity.isEmpty()) {
					problem(valueAt, "'" + level + "' is no severity; write one of " + levels()
							+ didYouMean(level, List.of("error", "warning", "info", "off")));
				} else if (rule.isPresent() && FIXED.contains(rule.get())) {
					problem(at, rule.get().id() + " cannot be turned off or changed: its findings say that a file"
							+ " or the policy could not be checked");
				} else if (rule.isPresent()) {
					policy.severities.put(rule.get(), severity.get());
				}
			}
			json.endObject();
		}

		private void unsuppressible() throws IOException {
			strings("'unsuppressible' is an array of rule IDs, e.g. [\"lookup-over-mpop\"]",
					"'unsuppressible' holds rule IDs as strings",
					(id, at) -> rule(id, at).ifPresent(policy.unsuppressible::add));
		}

		/** An array of strings, each handed on with where it starts; anything else is a problem named so. */
		private void strings(String notArray, String notString, java.util.function.BiConsumer<String, int[]> each)
				throws IOException {
			if (!expect(JsonToken.BEGIN_ARRAY, notArray)) {
				return;
			}
			json.beginArray();
			while (json.hasNext()) {
				int[] at = tokenStart();
				if (json.peek() != JsonToken.STRING) {
					problem(at, notString);
					json.skipValue();
					continue;
				}
				each.accept(json.nextString(), at);
			}
			json.endArray();
		}

		private void exclude() throws IOException {
			strings("'exclude' is an array of globs, e.g. [\"legacy/**\"]", "'exclude' holds globs as strings",
					(glob, at) -> {
						if (glob.isBlank() || glob.startsWith("/") || glob.contains("\\") || glob.contains("..")) {
							problem(at, "'" + glob + "' is not a glob relative to the policy's folder (use '/', no '..')");
							return;
						}
						try {
							// "legacy/" means the folder; a trailing "/**" also matches the folder itself.
							String pattern = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
							policy.excludeMatchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
							if (pattern.endsWith("/**")) {
								policy.excludeMatchers.add(FileSystems.getDefault()
										.getPathMatcher("glob:" + pattern.substring(0, pattern.length() - 3)));
							}
							policy.excludes.add(glob);
						} catch (IllegalArgumentException e) {
							problem(at, "'" + glob + "' is not a glob: " + e.getMessage().lines().findFirst().orElse(""));
						}
					});
		}

		private Optional<Rule> rule(String id, int[] at) {
			Optional<Rule> rule = Rule.byId(id);
			if (rule.isEmpty()) {
				problem(at, "unknown rule '" + id + "'"
						+ didYouMean(id, Arrays.stream(Rule.values()).map(Rule::id).toList())
						+ "; 'ocstopo rules' lists them");
			}
			return rule;
		}

		private boolean expect(JsonToken token, String message) throws IOException {
			if (json.peek() == token) {
				return true;
			}
			problem(tokenStart(), message);
			json.skipValue();
			return false;
		}

		private static Optional<Optional<Severity>> severity(String level) {
			if (level.equals("off")) {
				return Optional.of(Optional.empty());
			}
			return Arrays.stream(Severity.values()).filter(s -> s.label().equals(level)).findFirst()
					.map(Optional::of);
		}

		private static String levels() {
			return "error, warning, info or off";
		}

		private static String didYouMean(String written, java.util.Collection<String> known) {
			List<String> closest = Similarity.closest(written, known);
			return closest.isEmpty() ? "" : " (did you mean '" + closest.get(0) + "'?)";
		}

		private void problem(int[] at, String message) {
			policy.problems.add(new Problem(policy.file, at[0], at[1], message));
		}

		/** Where the reader is: Gson tells its position only in its text. */
		private int[] position() {
			Matcher where = LOCATION.matcher(json.toString());
			return where.find() ? new int[] { Integer.parseInt(where.group(1)), Integer.parseInt(where.group(2)) }
					: new int[] { 1, 1 };
		}

		/**
		 * Where the next token starts. After peek(), Gson has consumed the opening quote or bracket of
		 * a string, object or array, but not the first character of a number or literal.
		 */
		private int[] tokenStart() throws IOException {
			JsonToken token = json.peek();
			int[] at = position();
			boolean consumedFirst = token == JsonToken.STRING || token == JsonToken.NAME
					|| token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY;
			return consumedFirst ? new int[] { at[0], Math.max(1, at[1] - 1) } : at;
		}
	}

	@Override
	public String toString() {
		return "ProjectPolicy " + file + " " + severities + " unsuppressible " + unsuppressible + " exclude "
				+ excludes + (problems.isEmpty() ? "" : " problems " + problems);
	}
}
