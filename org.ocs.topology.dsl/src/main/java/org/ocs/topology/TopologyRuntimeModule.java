package org.ocs.topology;

import org.eclipse.xtext.formatting2.FormatterPreferences;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.preferences.IPreferenceValuesProvider;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.service.SingletonBinding;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;
import org.eclipse.xtext.scoping.IgnoreCaseLinking;
import org.eclipse.xtext.validation.CompositeEValidator;
import org.eclipse.xtext.validation.IResourceValidator;
import org.ocs.topology.formatting2.TopologyFormatter;
import org.ocs.topology.formatting2.TopologyFormatterPreferences;
import org.ocs.topology.naming.FqdnNameConverter;
import org.ocs.topology.scoping.FolderGlobalScopeProvider;
import org.ocs.topology.scoping.FolderResourceDescriptionManager;
import org.ocs.topology.validation.FailClosedCompositeEValidator;
import org.ocs.topology.validation.SuppressingResourceValidator;
import org.ocs.topology.validation.TopologyLinkingDiagnosticMessageProvider;
import org.ocs.topology.validation.TopologySyntaxErrorMessageProvider;

import com.google.inject.Binder;
import com.google.inject.name.Names;

/** Runtime services of the .ocstopo language, shared by the command line and the language server. */
public class TopologyRuntimeModule extends AbstractTopologyRuntimeModule {

	// Names are FQDNs or single labels, never qualified by their container: "fe1.contoso.com" is
	// one name, not three segments.
	@Override
	public Class<? extends IQualifiedNameProvider> bindIQualifiedNameProvider() {
		return org.ocs.topology.naming.DeclaredNameProvider.class;
	}

	@Override
	public Class<? extends org.eclipse.xtext.conversion.IValueConverterService> bindIValueConverterService() {
		return org.ocs.topology.conversion.TopologyValueConverters.class;
	}

	public Class<? extends IQualifiedNameConverter> bindIQualifiedNameConverter() {
		return FqdnNameConverter.class;
	}

	// DNS names are case-insensitive: FE1.Contoso.com is fe1.contoso.com.
	@Override
	public void configureIgnoreCaseLinking(Binder binder) {
		binder.bindConstant().annotatedWith(IgnoreCaseLinking.class).to(true);
	}

	// A topology is the set of .ocstopo files in one folder: names resolve within that folder only.
	@Override
	public Class<? extends IGlobalScopeProvider> bindIGlobalScopeProvider() {
		return FolderGlobalScopeProvider.class;
	}

	// ... and a change to one file re-validates the others of its folder.
	public Class<? extends IResourceDescription.Manager> bindIResourceDescription$Manager() {
		return FolderResourceDescriptionManager.class;
	}

	// Made with the holder of the folder caches in its adapters (reads in parallel must not add any).
	@Override
	public Class<? extends org.eclipse.xtext.resource.XtextResourceSet> bindXtextResourceSet() {
		return org.ocs.topology.resource.TopologyResourceSet.class;
	}

	// Files as users' machines have them: a byte order mark, bytes that are not UTF-8.
	@Override
	public Class<? extends org.eclipse.xtext.resource.XtextResource> bindXtextResource() {
		return org.ocs.topology.resource.TopologyResource.class;
	}

	// Names are flat: the file's, then the folder's; no scope per named container (see the class).
	@Override
	public void configureIScopeProviderDelegate(Binder binder) {
		binder.bind(org.eclipse.xtext.scoping.IScopeProvider.class)
				.annotatedWith(Names.named(org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
				.to(org.ocs.topology.scoping.FlatNamesScopeProvider.class);
	}

	// EMF finds an object's fragment by indexOf in its list: quadratic in a site's declarations.
	@Override
	public Class<? extends org.eclipse.xtext.resource.IFragmentProvider> bindIFragmentProvider() {
		return org.ocs.topology.resource.PositionFragmentProvider.class;
	}

	// A '{' after "server NAME" or "router NAME" opens its block, even one the file leaves open.
	@Override
	public Class<? extends org.eclipse.xtext.parser.IParser> bindIParser() {
		return org.ocs.topology.parser.BlockCommittingParser.class;
	}

	public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return TopologySyntaxErrorMessageProvider.class;
	}

	@SingletonBinding
	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return TopologyLinkingDiagnosticMessageProvider.class;
	}

	// Inline "// ocstopo-ignore <rule> <reason>" comments, for the CLI and the language server alike.
	public Class<? extends IResourceValidator> bindIResourceValidator() {
		return SuppressingResourceValidator.class;
	}

	// EMF's generic EObjectValidator checks multiplicities and data values that the grammar already
	// guarantees (every inferred feature is optional, every value comes through a terminal's
	// converter), so it never finds anything here; it only costs every validation a walk of the
	// model (and a short command-line run its class loading).
	public void configureUseEObjectValidator(Binder binder) {
		binder.bindConstant().annotatedWith(Names.named(CompositeEValidator.USE_EOBJECT_VALIDATOR)).to(false);
	}

	// Fail closed: a validator that throws is an internal-error finding, not an anonymous diagnostic.
	public Class<? extends CompositeEValidator> bindCompositeEValidator() {
		return FailClosedCompositeEValidator.class;
	}

	public Class<? extends IFormatter2> bindIFormatter2() {
		return TopologyFormatter.class;
	}

	// Every resource is injected with these, and Guice built each anew with its whole graph (about 60
	// objects: a container manager, a description manager, a validator, a serializer with its
	// sequencers and finders): 9% of loading a folder of 5,000 one-server files. None of them keeps
	// state of its own between calls (their fields are injected services and thread-safe caches),
	// so one of each serves every resource. The parser stays per resource: its partial-parsing
	// helper keeps a NodeModelBuilder, which has fields set during a parse.
	@SingletonBinding
	public Class<? extends IResourceServiceProvider> bindIResourceServiceProvider() {
		return org.eclipse.xtext.resource.impl.DefaultResourceServiceProvider.class;
	}

	@Override
	@SingletonBinding
	public Class<? extends org.eclipse.xtext.serializer.ISerializer> bindISerializer() {
		return super.bindISerializer();
	}

	@Override
	@SingletonBinding
	public Class<? extends org.eclipse.xtext.validation.IConcreteSyntaxValidator> bindConcreteSyntaxValidator() {
		return super.bindConcreteSyntaxValidator();
	}

	@Override
	@SingletonBinding
	public Class<? extends org.eclipse.xtext.linking.ILinker> bindILinker() {
		return super.bindILinker();
	}

	// Likewise for these helpers of every resource, which have no fields but injected services.
	public void configureStatelessResourceHelpers(Binder binder) {
		binder.bind(org.eclipse.xtext.service.OperationCanceledManager.class).in(com.google.inject.Singleton.class);
		binder.bind(org.eclipse.xtext.linking.impl.LinkingHelper.class).in(com.google.inject.Singleton.class);
		binder.bind(org.eclipse.xtext.resource.ParseResultWrapper.class).in(com.google.inject.Singleton.class);
	}

	public void configureFormatterPreferences(Binder binder) {
		binder.bind(IPreferenceValuesProvider.class).annotatedWith(FormatterPreferences.class)
				.to(TopologyFormatterPreferences.class);
	}
}
