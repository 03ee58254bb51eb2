package org.ocs.topology.reports;

import java.nio.file.Path;

/** A range of a file: from {@code start} up to, not including, {@code end}. */
public record Span(Path file, Position start, Position end) {
}
