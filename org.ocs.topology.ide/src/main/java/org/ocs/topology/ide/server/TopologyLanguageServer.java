package org.ocs.topology.ide.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.InitializeParams;
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
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.ide.server.symbol.IDocumentSymbolService;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.ocs.topology.rules.Rule;
import org.ocs.topology.validation.HopData;

import com.google.inject.Inject;

/**
 * Xtext's language server, with diagnostics that carry their rule: the ID as {@code code}, a
 * link to the rule's page as {@code codeDescription}, and for a traced path every hop as related
 * information pointing at the declaration it comes from.
 */
public class TopologyLanguageServer extends LanguageServerImpl {

	@Inject
	private RuleDocumentation documentation;

	@Inject
	private UriExtensions uris;

	/** Names the server and its version (the jar's manifest), for the client's logs and about boxes. */
	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		return super.initialize(params).thenApply(result -> {
			String version = TopologyLanguageServer.class.getPackage().getImplementationVersion();
			result.setServerInfo(new ServerInfo("ocstopo", version == null ? "dev" : version));
			return result;
		});
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
