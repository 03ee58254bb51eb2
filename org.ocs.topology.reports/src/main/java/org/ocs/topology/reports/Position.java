package org.ocs.topology.reports;

/**
 * A place in a file as every report format needs it: line and column from 1 (columns in UTF-16
 * code units, as editors and SARIF's default count them) and the offset in bytes of the UTF-8 file
 * from 0 (as {@code terraform validate -json} gives it).
 */
public record Position(int line, int column, int byteOffset) {
}
