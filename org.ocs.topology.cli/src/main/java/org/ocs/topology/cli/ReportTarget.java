package org.ocs.topology.cli;

import java.nio.file.Path;

import org.ocs.topology.reports.ReportFormat;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One {@code --format} value: a format, written to standard output or, after '=', to a file. */
record ReportTarget(ReportFormat format, Path file) {

	static final class Converter implements ITypeConverter<ReportTarget> {
		@Override
		public ReportTarget convert(String value) {
			int equals = value.indexOf('=');
			String name = equals < 0 ? value : value.substring(0, equals);
			ReportFormat format = ReportFormat.byId(name).orElseThrow(() -> new TypeConversionException(
					"unknown format '" + name + "': expected " + ReportFormat.ids() + ", optionally =FILE"));
			if (equals >= 0 && value.substring(equals + 1).isBlank()) {
				throw new TypeConversionException("--format " + value + ": no file name after '='");
			}
			return new ReportTarget(format, equals < 0 ? null : Path.of(value.substring(equals + 1)));
		}
	}
}
