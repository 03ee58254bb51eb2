// Tokenizes every real .ocstopo text of the repository (examples/**, the ```ocstopo blocks of
// README.md and docs/rules/*.md) with the extension's TextMate grammar and checks that no token is
// coloured invalid and that every keyword of Topology.xtext gets a keyword scope where the Xtext
// lexer sees a keyword.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGrammar, tokenize } from './textmate.mjs';
import { xtextKeywords, nameKeywords, lex } from './xtext-lexer.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function ocstopoFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? ocstopoFiles(path) : path.endsWith('.ocstopo') ? [path] : [];
  });
}

function markdownBlocks(path) {
  const blocks = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '```ocstopo') {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !lines[end].startsWith('```')) end++;
      blocks.push({ where: `${relative(repo, path)}:${start + 1}`, text: lines.slice(start, end).join('\n') });
      i = end;
    }
  }
  return blocks;
}

const corpus = [
  ...ocstopoFiles(join(repo, 'examples')).map((path) => ({ where: relative(repo, path), text: readFileSync(path, 'utf8') })),
  ...markdownBlocks(join(repo, 'README.md')),
  ...readdirSync(join(repo, 'docs/rules')).filter((f) => f.endsWith('.md')).flatMap((f) => markdownBlocks(join(repo, 'docs/rules', f))),
];

const isKeywordScope = (scope) => /^(keyword|storage|constant\.language)\./.test(scope);
const isPunctuationScope = (scope) => /^(punctuation|keyword\.operator)\./.test(scope);
// A keyword the Name rule accepts may stand where a name goes ("subnet servers 10.0.1.0/24").
const isNameScope = (scope) => /^(entity\.name|variable\.other)\./.test(scope);

/** The scopes of the characters start..end of one line. */
function scopesAt(tokens, line, start, end) {
  return tokens.filter((t) => t.line === line && t.start < end && t.end > start).map((t) => t.scopes);
}

test('the corpus is the real text', () => {
  assert.ok(corpus.filter((c) => c.where.startsWith('examples/')).length >= 10, 'examples found');
  assert.ok(corpus.filter((c) => c.where.startsWith('docs/')).length >= 30, 'docs blocks found');
  assert.ok(corpus.some((c) => c.where.startsWith('README.md')), 'README blocks found');
});

test('no token of the examples and docs is coloured invalid', async () => {
  const grammar = await loadGrammar();
  const invalid = [];
  for (const { where, text } of corpus) {
    for (const t of tokenize(grammar, text)) {
      if (t.scopes.some((s) => s.startsWith('invalid'))) invalid.push(`${where} line ${t.line + 1}: "${t.text}" ${t.scopes.join(' ')}`);
    }
  }
  assert.deepEqual(invalid, []);
});

test('every keyword of Topology.xtext has a keyword scope wherever the lexer sees it', async () => {
  const grammar = await loadGrammar();
  const keywords = xtextKeywords();
  const names = nameKeywords();
  const seen = new Set();
  const wrong = [];
  for (const { where, text } of corpus) {
    const tokens = tokenize(grammar, text);
    for (const token of lex(text, keywords)) {
      if (token.kind !== 'keyword') continue;
      seen.add(token.text);
      const symbol = !/^[A-Za-z]/.test(token.text);
      for (const scopes of scopesAt(tokens, token.line, token.start, token.end)) {
        const ok = symbol ? scopes.some(isPunctuationScope)
          : scopes.some(isKeywordScope) || (names.has(token.text) && scopes.some(isNameScope));
        if (!ok) wrong.push(`${where} line ${token.line + 1}:${token.start + 1} "${token.text}": ${scopes.join(' ')}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  console.log(`# ${seen.size} of ${keywords.length} keywords occur in ${corpus.length} texts`);
});

test('the grammar JSON is generated from scripts/grammar.mjs', () => {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/grammar.mjs', import.meta.url)), '--check'], { stdio: 'inherit' });
});
