package org.ocs.topology.formatting2;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractFormatter2;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatting;
import org.eclipse.xtext.formatting2.internal.CommentReplacer;
import org.eclipse.xtext.formatting2.internal.HiddenRegionReplacer;
import org.eclipse.xtext.formatting2.internal.MultilineCommentReplacer;
import org.eclipse.xtext.formatting2.internal.SinglelineCommentReplacer;
import org.eclipse.xtext.formatting2.internal.WhitespaceReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegionPart;
import org.eclipse.xtext.formatting2.regionaccess.IWhitespace;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegionsFinder;
import org.eclipse.xtext.resource.XtextResource;
import org.ocs.topology.topology.StrayText;
import org.ocs.topology.topology.TopologyPackage;

/**
 * One canonical layout: one declaration or setting per line, blocks indented by one level, at
 * most one blank line kept between lines, one space between words, none before a comma.
 * Each gap between two tokens is decided exactly once, so no two rules can conflict, and
 * comments stay where they are.
 */
public class TopologyFormatter extends AbstractFormatter2 {

	private static final TopologyPackage P = TopologyPackage.eINSTANCE;

	/**
	 * Settings that are not objects of their own but start a line inside their block, by the
	 * keyword that opens them.
	 */
	private static final Map<EClass, String[]> LINE_KEYWORDS = Map.of(
			P.getTopology(), new String[] { "product", "sip" },
			P.getEnterprisePool(), new String[] { "front", "back" },
			P.getStandardEditionPool(), new String[] { "server" },
			P.getDirectorPool(), new String[] { "servers", "next" },
			P.getEdgePool(), new String[] { "servers" },
			P.getMediationPool(), new String[] { "servers", "next" },
			P.getGroupChatPool(), new String[] { "servers", "database", "compliance" },
			P.getRegistrarSetting(), new String[] { "max" },
			P.getLoadBalancer(), new String[] { "tcp", "persistence" },
			P.getStandardVirtualServer(), new String[] { "members", "persistence" });

	/** Comments are the author's prose: kept verbatim, only moved with their line. */
	@Override
	public ITextReplacer createCommentReplacer(IComment comment) {
		if (comment.isMultiline() && comment.getText().startsWith("/*")) {
			return new MultilineCommentReplacer(comment, '*') {
				@Override
				public ITextReplacerContext createReplacements(ITextReplacerContext context) {
					return context;
				}
			};
		}
		if (comment.getText().startsWith("//")) {
			// Verbatim; the whitespace around it is decided by the gap it stands in.
			return new SinglelineCommentReplacer(comment, "//") {
				@Override
				public ITextReplacerContext createReplacements(ITextReplacerContext context) {
					return context;
				}

				@Override
				public void configureWhitespace(WhitespaceReplacer leading, WhitespaceReplacer trailing) {
				}
			};
		}
		return super.createCommentReplacer(comment);
	}

	@Override
	public void format(Object object, IFormattableDocument document) {
		if (object instanceof XtextResource resource && !resource.getContents().isEmpty()) {
			formatModel(resource.getContents().get(0), document);
		} else if (object instanceof EObject root && root.eContainer() == null) {
			formatModel(root, document);
		}
	}

	private void formatModel(EObject root, IFormattableDocument document) {
		IEObjectRegion rootRegion = textRegionExtensions.regionForEObject(root);
		if (rootRegion == null) {
			return;
		}
		Set<ISemanticRegion> lineStarts = new HashSet<>();
		root.eAllContents().forEachRemaining(object -> {
			IEObjectRegion region = textRegionExtensions.regionForEObject(object);
			if (region != null && region.getPreviousHiddenRegion() != null && !(object instanceof StrayText)) {
				ISemanticRegion first = region.getPreviousHiddenRegion().getNextSemanticRegion();
				if (first != null) {
					lineStarts.add(first);
				}
			}
			ISemanticRegionsFinder own = textRegionExtensions.regionFor(object);
			String[] keywords = LINE_KEYWORDS.get(object.eClass());
			if (keywords != null) {
				lineStarts.addAll(own.keywords(keywords));
			}
			ISemanticRegion open = own.keyword("{");
			ISemanticRegion close = own.keyword("}");
			if (open != null && close != null) {
				document.interior(open, close, it -> it.indent());
			}
		});

		List<ISemanticRegion> tokens = com.google.common.collect.Lists.newArrayList(rootRegion.getAllSemanticRegions());
		if (tokens.isEmpty()) {
			return;
		}
		IHiddenRegion start = tokens.get(0).getPreviousHiddenRegion();
		// Before the first token: nothing, or the file's header comment and the line break after it.
		int startLines = start.containsComment() ? linesToKeep(start) : 0;
		document.set(start, it -> it.setNewLines(startLines));
		for (int i = 1; i < tokens.size(); i++) {
			ISemanticRegion previous = tokens.get(i - 1);
			ISemanticRegion next = tokens.get(i);
			IHiddenRegion gap = next.getPreviousHiddenRegion();
			String before = previous.getText();
			String after = next.getText();
			if (after.equals("}")) {
				document.set(gap, it -> it.setNewLines(1));
			} else if (before.equals("{")) {
				document.set(gap, it -> it.setNewLines(1));
			} else if (after.equals(",")) {
				document.set(gap, it -> it.noSpace());
			} else if (after.equals("{")) {
				document.set(gap, it -> it.oneSpace());
			} else if (lineStarts.contains(next) || before.equals("}")) {
				int lines = linesToKeep(gap);
				document.set(gap, it -> it.setNewLines(lines));
			} else {
				document.set(gap, it -> it.oneSpace());
			}
		}
		document.set(tokens.get(tokens.size() - 1).getNextHiddenRegion(), it -> it.setNewLines(1));
	}

	/**
	 * Keep one blank line where the author left one, never more. Decided on the whitespace the
	 * formatter treats as the separator (the first one holding a line break), counting the line
	 * break a line comment before it carries.
	 */
	private static int linesToKeep(IHiddenRegion gap) {
		boolean afterLineComment = false;
		IHiddenRegionPart last = null;
		for (IHiddenRegionPart part : gap.getParts()) {
			if (part instanceof IWhitespace) {
				int breaks = newLines(part.getText()) + (afterLineComment ? 1 : 0);
				if (part.getText().indexOf('\n') >= 0) {
					return breaks >= 2 ? 2 : 1;
				}
				last = part;
			}
			afterLineComment = part instanceof IComment && part.getText().endsWith("\n");
		}
		return last == null ? 1 : Math.min(2, Math.max(1, newLines(last.getText()) + (afterLineComment ? 1 : 0)));
	}

	private static int newLines(String text) {
		return (int) text.chars().filter(c -> c == '\n').count();
	}

	/** Blank lines between two comments of one gap are kept too (at most one). */
	@Override
	public ITextReplacer createHiddenRegionReplacer(IHiddenRegion region, IHiddenRegionFormatting formatting) {
		return new HiddenRegionReplacer(region, formatting) {
			/**
			 * Before a block's '}', the line break that ends the block is the last one: comments
			 * before it stay inside the block, indented with its lines. (Xtext took the first line
			 * break: a comment after a blank line went to the brace's indentation, and to the
			 * block's on the next format; found by FormatFuzzTest.)
			 */
			@Override
			protected WhitespaceReplacer findWhitespaceThatSeparatesSemanticRegions(List<ITextReplacer> replacers) {
				ISemanticRegion next = region.getNextSemanticRegion();
				if (next != null && "}".equals(next.getText()) && region.containsComment()) {
					for (int i = replacers.size() - 1; i >= 0; i--) {
						if (replacers.get(i) instanceof WhitespaceReplacer whitespace) {
							return whitespace;
						}
					}
				}
				return super.findWhitespaceThatSeparatesSemanticRegions(replacers);
			}

			@Override
			protected void applyPriorityAndDefaultFormatting(List<ITextReplacer> replacers,
					IHiddenRegionFormatting separator) {
				super.applyPriorityAndDefaultFormatting(replacers, separator);
				for (int i = 0; i < replacers.size(); i++) {
					if (replacers.get(i) instanceof WhitespaceReplacer whitespace && whitespace.getFormatting() != separator) {
						// The formatter subtracts a line comment's own line break: add it back, so the
						// whitespace keeps its line breaks (at most one blank line).
						boolean afterLineComment = i > 0 && replacers.get(i - 1) instanceof CommentReplacer comment
								&& comment.getComment().getText().endsWith("\n");
						int lines = Math.min(2, newLines(whitespace.getRegion().getText()) + (afterLineComment ? 1 : 0));
						whitespace.getFormatting().setNewLinesMin(lines);
						whitespace.getFormatting().setNewLinesMax(lines);
					}
				}
			}
		};
	}
}
