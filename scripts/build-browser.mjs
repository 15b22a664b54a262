#!/usr/bin/env node
// Builds the browser bundle (the `onnx-sane/browser` export and the demo page's code) into dist/browser/:
//   onnx-sane.mjs   scoreInWorker() and densitySvg() (src/browser/index.ts)
//   worker.mjs      the scoring Web Worker (src/browser/worker.ts): score() + the WASM core + onnxruntime-web
//   chunk-*.mjs     code shared by the two, and vega (loaded only when a plot is drawn)
//   ort/            onnxruntime-web's WebAssembly runtime, which it loads by URL at run time
// `npm run build` runs this after the TypeScript build; web/index.html imports ../dist/browser/onnx-sane.mjs.
//
// The library's Node-only imports are mapped to small browser modules in src/browser/shims/ (each says which code
// reaches it and why that is safe), and the WASM core is the committed wasm/dist/sane_core.cjs, bundled.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'browser');
const shims = path.join(root, 'src', 'browser', 'shims');
const ortDist = path.join(root, 'node_modules', 'onnxruntime-web', 'dist');

const shimOf = {
  fs: 'fs.ts',
  'fs/promises': 'fs-promises.ts',
  path: 'path.ts',
  url: 'url.ts',
  os: 'os.ts',
  module: 'module.ts',
  crypto: 'crypto.ts',
  'onnxruntime-node': 'unavailable.ts',
  'node-gyp-build': 'unavailable.ts',
};

/** Node built-ins and Node-only packages -> src/browser/shims; the emscripten artifact and protobufjs wrapped. */
const browserResolve = {
  name: 'onnx-sane-browser-resolve',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z/-]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (shimOf[name]) return { path: path.join(shims, shimOf[name]) };
      if (args.path.startsWith('node:')) {
        return { errors: [{ text: `${args.path} (imported by ${args.importer}) has no browser shim in src/browser/shims` }] };
      }
      return undefined;
    });
    build.onResolve({ filter: /^sane-core-wasm$/ }, () => ({ path: path.join(root, 'wasm', 'dist', 'sane_core.cjs') }));
    // The shim imports the real package; every other importer gets the shim.
    build.onResolve({ filter: /^protobufjs$/ }, (args) =>
      args.importer === path.join(shims, 'protobufjs.ts') ? undefined : { path: path.join(shims, 'protobufjs.ts') },
    );
  },
};

// src/oracle/runtime.ts imports onnxruntime-web by its literal name (onnxruntime-node by a computed one, which the
// page never reaches). In the browser that package's WebAssembly-only build is the one to bundle.
const runtimeImport = {
  name: 'onnx-sane-runtime-import',
  setup(build) {
    build.onResolve({ filter: /^onnxruntime-web$/ }, (args) =>
      build.resolve('onnxruntime-web/wasm', { kind: args.kind, resolveDir: args.resolveDir }),
    );
  },
};

/** Removes the previous bundle only: tsc writes the declarations of src/browser (index.d.ts...) to the same folder. */
function cleanBundle() {
  if (!existsSync(out)) return;
  for (const f of readdirSync(out)) {
    if (/\.mjs(\.map|\.LEGAL\.txt)?$/.test(f) || f === 'ort') rmSync(path.join(out, f), { recursive: true, force: true });
  }
}

export async function buildBrowser({ quiet = false } = {}) {
  cleanBundle();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { 'onnx-sane': 'src/browser/index.ts', worker: 'src/browser/worker.ts' },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // onnxruntime-web's build that fetches its WebAssembly (from ort/, see worker.ts) instead of inlining it: its
    // threaded runtime then also works when a page is cross-origin isolated.
    conditions: ['onnxruntime-web-use-extern-wasm'],
    define: { __ONNX_PROTO__: JSON.stringify(readFileSync(path.join(root, 'src', 'onnx', 'schema', 'onnx.proto'), 'utf8')) },
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: quiet ? 'error' : 'warning',
    plugins: [browserResolve, runtimeImport],
  });
  mkdirSync(path.join(out, 'ort'), { recursive: true });
  for (const f of ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']) {
    copyFileSync(path.join(ortDist, f), path.join(out, 'ort', f));
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBrowser();
  console.log(`browser bundle written to ${path.relative(process.cwd(), out) || out}`);
}
