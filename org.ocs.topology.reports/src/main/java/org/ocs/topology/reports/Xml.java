package org.ocs.topology.reports;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The JDK's streaming XML writer (escaping done right), with the indentation people read. */
final class Xml implements AutoCloseable {

	private final StringWriter text = new StringWriter();
	private final XMLStreamWriter writer;
	private int depth;
	private boolean hasChildren;

	Xml() {
		try {
			writer = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
			writer.writeStartDocument("UTF-8", "1.0");
		} catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
	}

	Xml start(String name) {
		try {
			writer.writeCharacters("\n" + "  ".repeat(depth));
			writer.writeStartElement(name);
			depth++;
			hasChildren = false;
			return this;
		} catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
	}

	Xml attribute(String name, Object value) {
		try {
			writer.writeAttribute(name, strip(String.valueOf(value)));
			return this;
		} catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Text content, after which the element is ended. */
	Xml text(String content) {
		try {
			writer.writeCharacters(strip(content));
			depth--;
			writer.writeEndElement();
			hasChildren = true;
			return this;
		} catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
	}

	Xml end() {
		try {
			depth--;
			if (hasChildren) {
				writer.writeCharacters("\n" + "  ".repeat(depth));
			}
			writer.writeEndElement();
			hasChildren = true;
			return this;
		} catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Characters XML 1.0 cannot hold at all (control characters from a binary file's message). */
	private static String strip(String value) {
		return value.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "\uFFFD");
	}

	@Override
	public void close() {
	}

	String done() {
		try {
			writer.writeEndDocument();
			writer.flush();
			return text + "\n";
		} catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
	}
}
