// Bundles the extension (with vscode-languageclient) into dist/extension.js, and the Java finder
// alone into dist/javaFinder.js for the node tests.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
await build({ ...common, entryPoints: ['src/javaFinder.ts'], outfile: 'dist/javaFinder.js' });
