#!/usr/bin/env node
// Last step of `npm run build`: the CLI as one bundle in dist/bundle/, which bin/l7lab.js runs.
// Node 20's ESM loader resolves, reads and compiles each module file on its own (and has no
// compile cache): ~300 small files were most of the start-up time of `lessons` and `learn`.
// esbuild bundles tsc's output (dist/cli.js, dist/fast-main.js and what they import,
// dependencies too) into those two entries plus shared chunks: `splitting` keeps every lazy
// import() (commands, step handlers, lab modules, mailparser) a chunk loaded only when that
// path runs. The unbundled dist/ stays for the tests and benches that import its modules, and
// for the two build steps that run it; the package ships only the bundle (package.json files).
// Two things differ from Node's loader: a CommonJS package reached by import() has only a
// default export here (write `(await import('pkg')).default`, as lab-cert.ts does), and a
// createRequire(import.meta.url)(...) call (ui/tables.ts: cli-table3) is not bundled: it is
// resolved from node_modules at run time, so such a package stays in "dependencies".
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));

const started = Date.now();
// Chunk names are content hashes: a bundle made twice without the clean step must not keep the old ones.
rmSync(dist('bundle'), { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: dist('cli.js'), 'fast-main': dist('fast-main.js') },
  outdir: dist('bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (commander, iconv-lite, selfsigned...) call require() for Node's
  // own modules; an ES module has no require, so each chunk makes one.
  banner: { js: "import { createRequire as __l7labCreateRequire } from 'node:module'; const require = __l7labCreateRequire(import.meta.url);" },
  // Not minified: measured no faster to start (V8 parses lazily), and stack traces stay
  // readable; class and function names stay as written (error names, constructor.name).
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
/**
 * One entry alone as one CommonJS file, which bin/l7lab.js (CommonJS too) requires without
 * starting Node's ES module loader and its reads of chunk after chunk. Its lazy imports stay
 * lazy: esbuild runs each such module when first imported. A package in `beside` is left out
 * and required, when first imported, from its own CommonJS file in dist/bundle/ (made below:
 * `entry` a package name rather than a file of dist/).
 * import.meta.url is the file's own URL, as it is in an ES module chunk beside it (ui/tables.ts
 * requires cli-table3 from there).
 */
function commonJsBundle(entry, outfile, beside = []) {
  const besideFiles = {
    name: 'beside',
    setup(b) {
      for (const pkg of beside) b.onResolve({ filter: new RegExp(`^${pkg}$`) }, () => ({ path: `./${pkg}.cjs`, external: true }));
    },
  };
  return build({
    ...(entry.endsWith('.js') ? { entryPoints: [dist(entry)] } : { stdin: { contents: `module.exports = require('${entry}');`, resolveDir: dist('..') } }),
    outfile: dist(outfile),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() as require(): a file beside is loaded without the ES module loader.
    supported: { 'dynamic-import': false },
    plugins: [besideFiles],
    define: { 'import.meta': '__l7labImportMeta' },
    banner: { js: "const __l7labImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
}

// `ports --json` (src/ports-json.ts) alone: a command that must start as fast as `node -e 0`
// plus lsof (issue 19), and the ES module loader alone was about 15 ms of that. Its lazy
// imports (lsof, ss, netstat parsers; child_process) stay lazy.
const portsJson = await commonJsBundle('ports-json.js', 'bundle/ports-json.cjs');
// `mail list` (src/mail-list-main.ts): 3x `node -e 0` on 1,000 messages (issue 19). libmime
// (encoded words, RFC 2047) and mailparser (headers header-summary.ts leaves to it) would be
// 0.9 MB more to read at every start for what few lists need: each is a file of its own.
const mailList = await commonJsBundle('mail-list-main.js', 'bundle/mail-list.cjs', ['libmime', 'mailparser']);
// Each is the package's CommonJS build, required: what import() of the package gives in that
// bundle (its module.exports as `default`, and its properties) is then what Node's gives.
const beside = await Promise.all(['libmime', 'mailparser'].map((pkg) => commonJsBundle(pkg, `bundle/${pkg}.cjs`)));
Object.assign(result.metafile.outputs, ...[portsJson, mailList, ...beside].map((r) => r.metafile.outputs));
const outputs = Object.entries(result.metafile.outputs).filter(([path]) => /\.c?js$/.test(path));
const bytes = outputs.reduce((sum, [, out]) => sum + out.bytes, 0);
process.stdout.write(`bundle: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KB, ${Date.now() - started} ms\n`);
