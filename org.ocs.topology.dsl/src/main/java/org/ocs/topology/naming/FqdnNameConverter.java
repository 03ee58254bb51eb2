package org.ocs.topology.naming;

import org.eclipse.xtext.naming.IQualifiedNameConverter;

/**
 * Keeps an FQDN in one name segment. The default converter splits at dots, which would make
 * {@code fe1.contoso.com} a three-part qualified name and break resolution of FQDN references.
 */
public class FqdnNameConverter extends IQualifiedNameConverter.DefaultImpl {

	@Override
	public String getDelimiter() {
		// Never part of a name: the grammar allows letters, digits, '_', '-' and '.' only.
		return "::";
	}
}
