package org.ocs.topology.ide.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.xtext.ide.server.BuildManager;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.ide.server.symbol.IDocumentSymbolService;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.policy.ProjectPolicy;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.validation.HopData;
import org.ocs.topology.validation.SuppressingResourceValidator;

import com.google.inject.Inject;

/**
 * Xtext's language server, with diagnostics that carry their rule: the ID as {@code code}, a
 * link to the rule's page as {@code codeDescription}, and for a traced path every hop as related
 * information pointing at the declaration it comes from. When a project policy file
 * ({@code ocstopo.json}, {@code .ocstopo.json}) is created, changed or deleted, the files it may
 * govern are validated again and their diagnostics published; the server asks the client to
 * watch those files when the client can be asked.
 */
public class TopologyLanguageServer extends LanguageServerImpl {

	/** The id of the registration that watches the policy files. */
	static final String POLICY_WATCHER_ID = "ocstopo-policy-files";

	/** Capabilities of the client, from initialize. */
	private volatile InitializeParams initializeParams;

	@Inject
	private RuleDocumentation documentation;

	@Inject
	private UriExtensions uris;

	/** The protocol's answer to shutdown is null (Xtext answers an empty object, which strict clients reject). */
	@Override
	public CompletableFuture<Object> shutdown() {
		return super.shutdown().thenApply(ignored -> null);
	}

	/** What a refused request is answered with (see {@link MessageFraming#REFUSED}). */
	public static final class Refusal {
		public int code;
		public String message;
	}

	/** A request the client sent after shutdown, handed on by the framing: answered with its error. */
	@org.eclipse.lsp4j.jsonrpc.services.JsonRequest(MessageFraming.REFUSED)
	public CompletableFuture<Object> refused(Refusal refusal) {
		return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(refusal.code, refusal.message, null)));
	}

	/** Names the server and its version (the jar's manifest), for the client's logs and about boxes. */
	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		initializeParams = params;
		// Beside the workspace's first build, so that it is done before the first file is opened.
		WarmUp.start(languages, () -> requests.isQuietFor(WarmUp.QUIET));
		return super.initialize(params).thenApply(result -> {
			String version = TopologyLanguageServer.class.getPackage().getImplementationVersion();
			result.setServerInfo(new ServerInfo("ocstopo", version == null ? "dev" : version));
			return result;
		});
	}

	/**
	 * Asks the client to tell of changes to the policy files, if it takes dynamic registration for
	 * {@code workspace/didChangeWatchedFiles} (a client that does not may still send them, and the
	 * validator compares each policy file's time and size at every validation anyway).
	 */
	@Inject
	private IResourceServiceProvider.Registry languages;

	@Inject
	private ValidatingRequestManager requests;

	@Override
	public void initialized(InitializedParams params) {
		super.initialized(params);
		if (!clientRegistersWatchedFiles()) {
			return;
		}
		List<FileSystemWatcher> watchers = new ArrayList<>();
		for (String name : ProjectPolicy.FILE_NAMES) {
			watchers.add(new FileSystemWatcher(Either.forLeft("**/" + name)));
		}
		Registration registration = new Registration(POLICY_WATCHER_ID, "workspace/didChangeWatchedFiles",
				new DidChangeWatchedFilesRegistrationOptions(watchers));
		// A client that refuses leaves the time-and-size check: nothing to tell the user.
		getLanguageClient().registerCapability(new RegistrationParams(List.of(registration))).exceptionally(refused -> null);
	}

	private boolean clientRegistersWatchedFiles() {
		InitializeParams params = initializeParams;
		if (params == null || params.getCapabilities() == null || params.getCapabilities().getWorkspace() == null) {
			return false;
		}
		DidChangeWatchedFilesCapabilities watched = params.getCapabilities().getWorkspace().getDidChangeWatchedFiles();
		return watched != null && Boolean.TRUE.equals(watched.getDynamicRegistration());
	}

	/**
	 * Xtext rebuilds the changed files that are not open; a changed policy file also makes every
	 * topology file below its folder dirty, open or not (the nearest policy governs them), after the
	 * validator forgets the policies it read.
	 */
	@Override
	protected BuildManager.Buildable toBuildable(DidChangeWatchedFilesParams params) {
		List<Path> policyFolders = new ArrayList<>();
		for (FileEvent change : params.getChanges()) {
			Path policy = policyFile(change.getUri());
			if (policy != null && policy.getParent() != null) {
				policyFolders.add(policy.getParent());
			}
		}
		if (policyFolders.isEmpty()) {
			return super.toBuildable(params);
		}
		SuppressingResourceValidator.policyFilesChanged();
		Set<URI> dirty = new LinkedHashSet<>();
		List<URI> deleted = new ArrayList<>();
		for (FileEvent change : params.getChanges()) {
			URI uri = uris.toUri(change.getUri());
			// As Xtext does: an open file's text is the editor's, whatever happens on disk.
			if (policyFile(change.getUri()) == null && !getWorkspaceManager().isDocumentOpen(uri)) {
				(change.getType() == FileChangeType.Deleted ? deleted : dirty).add(uri);
			}
		}
		for (IResourceDescription description : getWorkspaceManager().getIndex().getAllResourceDescriptions()) {
			URI uri = description.getURI();
			if (uri != null && uri.isFile() && !deleted.contains(uri)) {
				Path file = Path.of(uri.toFileString()).toAbsolutePath().normalize();
				if (policyFolders.stream().anyMatch(file::startsWith)) {
					dirty.add(uri);
				}
			}
		}
		return getWorkspaceManager().didChangeFiles(new ArrayList<>(dirty), deleted);
	}

	/** The policy file a changed file's URI names, or null for any other file. */
	private static Path policyFile(String uri) {
		try {
			Path path = Path.of(java.net.URI.create(uri)).toAbsolutePath().normalize();
			return path.getFileName() != null && ProjectPolicy.FILE_NAMES.contains(path.getFileName().toString()) ? path : null;
		} catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
			return null;
		}
	}

	/**
	 * The outline as a tree for clients that show one; as SymbolInformation, each with its container,
	 * for the others. Xtext 2.42 answers DocumentSymbols to every client (a flat list of them when
	 * the client has no hierarchical support, each still holding its children).
	 */
	@Override
	public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
		if (isHierarchicalDocumentSymbolSupport()) {
			return super.documentSymbol(params);
		}
		return getRequestManager().runRead(cancelIndicator -> {
			List<Either<SymbolInformation, DocumentSymbol>> flat = new ArrayList<>();
			for (DocumentSymbol root : documentSymbol(params, cancelIndicator)) {
				flatten(params.getTextDocument().getUri(), root, null, flat);
			}
			return flat;
		});
	}

	@Override
	protected IDocumentSymbolService getIDocumentSymbolService(IResourceServiceProvider serviceProvider) {
		return serviceProvider == null ? null : serviceProvider.get(HierarchicalDocumentSymbolService.class);
	}

	@SuppressWarnings("deprecation") // SymbolInformation is what clients without hierarchical support take
	private static void flatten(String uri, DocumentSymbol symbol, String container,
			List<Either<SymbolInformation, DocumentSymbol>> flat) {
		SymbolInformation information = new SymbolInformation(symbol.getName(), symbol.getKind(),
				new Location(uri, symbol.getRange()), container);
		flat.add(Either.forLeft(information));
		if (symbol.getChildren() != null) {
			symbol.getChildren().forEach(child -> flatten(uri, child, symbol.getName(), flat));
		}
	}

	/**
	 * A request no service knows gets "method not found", as JSON-RPC defines it; Xtext throws,
	 * which answers an internal error and logs a stack trace.
	 */
	@Override
	public CompletableFuture<?> request(String method, Object parameter) {
		try {
			CompletableFuture<?> answer = super.request(method, parameter);
			if (answer != null) {
				return answer;
			}
		} catch (UnsupportedOperationException unknown) {
			// nobody serves it
		}
		CompletableFuture<Object> notFound = new CompletableFuture<>();
		notFound.completeExceptionally(new ResponseErrorException(
				new ResponseError(ResponseErrorCode.MethodNotFound, "Unhandled method " + method, null)));
		return notFound;
	}

	/** Versioned document changes alone, without the empty {@code changes} Xtext leaves beside them. */
	@Override
	protected WorkspaceEdit rename(RenameParams renameParams, CancelIndicator cancelIndicator) {
		WorkspaceEdit edit = super.rename(renameParams, cancelIndicator);
		if (edit != null && edit.getDocumentChanges() != null && edit.getChanges() != null && edit.getChanges().isEmpty()) {
			edit.setChanges(null);
		}
		return edit;
	}

	@Override
	protected Diagnostic toDiagnostic(Issue issue) {
		Diagnostic diagnostic = super.toDiagnostic(issue);
		diagnostic.setSource("ocstopo");
		Rule.byId(issue.getCode()).ifPresent(rule -> {
			String href = documentation.href(rule);
			if (href != null) {
				diagnostic.setCodeDescription(new DiagnosticCodeDescription(href));
			}
		});
		List<DiagnosticRelatedInformation> related = new ArrayList<>();
		if (issue.getData() != null) {
			for (String entry : issue.getData()) {
				HopData hop = HopData.decode(entry);
				if (hop != null) {
					Range range = new Range(new Position(hop.startLine(), hop.startColumn()),
							new Position(hop.endLine(), hop.endColumn()));
					related.add(new DiagnosticRelatedInformation(
							new Location(uris.toUriString(URI.createURI(hop.fileUri())), range), hop.why()));
				}
			}
		}
		if (!related.isEmpty()) {
			diagnostic.setRelatedInformation(related);
		}
		return diagnostic;
	}
}
