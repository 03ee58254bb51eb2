// Loads the extension's TextMate grammar into vscode-textmate (the tokenizer VS Code itself uses)
// with the Oniguruma WebAssembly build, and gives the tokens of a text line by line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const extensionDir = new URL('..', import.meta.url);

export async function loadGrammar() {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.ocstopo') return null;
      const path = new URL('syntaxes/ocstopo.tmLanguage.json', extensionDir);
      return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path.pathname);
    },
  });
  return registry.loadGrammar('source.ocstopo');
}

/** [{ line, start, end, text, scopes }] for every token of every line of text. */
export function tokenize(grammar, text) {
  const tokens = [];
  let ruleStack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, ruleStack);
    for (const t of result.tokens) {
      tokens.push({ line: index, start: t.startIndex, end: Math.min(t.endIndex, line.length), text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    ruleStack = result.ruleStack;
  });
  return tokens;
}
