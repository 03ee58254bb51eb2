// The keywords of Topology.xtext and a lexer with the same terminals, so a test knows where the
// Xtext lexer sees a keyword (not in a comment, not inside fe1.contoso.com or sip:x@y).
import { readFileSync } from 'node:fs';

const xtextPath = new URL('../../org.ocs.topology.dsl/src/main/java/org/ocs/topology/Topology.xtext', import.meta.url);

function parserRules() {
  // Comments out, and the terminal rules (whose quoted strings are characters, not keywords).
  const source = readFileSync(xtextPath, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return source.slice(0, source.search(/^terminal /m));
}

/** Every quoted keyword of the parser rules. */
export function xtextKeywords() {
  return [...new Set([...parserRules().matchAll(/'([^']+)'/g)].map((m) => m[1]))].sort();
}

/** The keywords the Name rule accepts as names. */
export function nameKeywords() {
  const rule = parserRules().match(/^Name:([\s\S]*?);/m);
  if (!rule) throw new Error('no Name rule in Topology.xtext');
  return new Set([...rule[1].matchAll(/'([^']+)'/g)].map((m) => m[1]));
}

const LABEL = '[A-Za-z0-9_-]';
const terminals = [
  ['ML_COMMENT', /\/\*[\s\S]*?(?:\*\/|$(?![\s\S]))/y],
  ['SL_COMMENT', /\/\/[^\r\n]*/y],
  ['WS', /[ \t\r\n]+/y],
  ['SIP_URI', new RegExp(`sip:${LABEL}+(?:\\.${LABEL}+)*@${LABEL}+(?:\\.${LABEL}+)*`, 'y')],
  ['ADDRESS', /[0-9]+(?:\.[0-9]+)+(?:\/[0-9]+)?/y],
  ['INT', /[0-9]+/y],
  ['FQDN', new RegExp(`[A-Za-z_]${LABEL}*(?:\\.${LABEL}+)+`, 'y')],
  ['ID', new RegExp(`[A-Za-z_]${LABEL}*`, 'y')],
];

/** [{ kind, text, line, start, end }]: the longest match wins, a keyword on a tie (as ANTLR does). */
export function lex(text, keywords) {
  const tokens = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  let offset = 0;
  while (offset < text.length) {
    let best = { kind: 'ANY_OTHER', length: 1 };
    for (const [kind, regex] of terminals) {
      regex.lastIndex = offset;
      const m = regex.exec(text);
      if (m && m[0].length > best.length) best = { kind, length: m[0].length };
    }
    for (const keyword of keywords) {
      if (text.startsWith(keyword, offset) && keyword.length >= best.length) best = { kind: 'keyword', length: keyword.length };
    }
    if (best.kind !== 'WS' && best.kind !== 'ML_COMMENT' && best.kind !== 'SL_COMMENT') {
      let line = lineStarts.length - 1;
      while (lineStarts[line] > offset) line--;
      const start = offset - lineStarts[line];
      tokens.push({ kind: best.kind, text: text.slice(offset, offset + best.length), line, start, end: start + best.length });
    }
    offset += best.length;
  }
  return tokens;
}
