#!/usr/bin/env node
// Prepares the native core where sources are built (`prepare`: npm ci in a clone, npm i of a git dependency, npm
// pack): use the addon if one already loads (a prebuild or an earlier build), else build it with cmake-js; if that
// fails (no compiler, no cmake) warn and succeed, because the WASM core works everywhere.
// It is deliberately not an `install` script: an installed package ships its prebuild (or falls back to WASM) and
// has no cmake-js (a dev dependency) to build with, and npm 11 warns about every dependency with install scripts.
// (package.json sets "gypfile": false for the same reason: otherwise npm would run `node-gyp rebuild` on install
// because binding.gyp is in the package.)
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function loadsNow() {
  try {
    const nodeGypBuild = require('node-gyp-build');
    const file = nodeGypBuild.path(root);
    const addon = require(file);
    if (typeof addon.version !== 'function') throw new Error(`${file} is not the SANE core`);
    return { ok: true, file, version: addon.version() };
  } catch (err) {
    return { ok: false, error: String((err && err.message) || err).split('\n')[0] };
  }
}

function warn(lines) {
  const out = ['', 'onnx-sane: native core not available; the WebAssembly core will be used (same results, slower).', ...lines.map((l) => `  ${l}`), ''];
  process.stderr.write(out.join('\n') + '\n');
}

function main() {
  if (process.env.SANE_SKIP_NATIVE_BUILD === '1') {
    warn(['SANE_SKIP_NATIVE_BUILD=1: not building the native addon.']);
    return;
  }
  const before = loadsNow();
  if (before.ok) {
    process.stdout.write(`onnx-sane: native core ready (${path.relative(root, before.file)})\n`);
    return;
  }
  let cmakeJs;
  try {
    cmakeJs = path.join(path.dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
  } catch {
    warn([
      'cmake-js is not installed (it is a devDependency) and no prebuilt addon matches this platform.',
      'To build the native core: npm install --include=dev, then npm run build:native',
      'It needs cmake and a C/C++ compiler (apt-get install cmake g++); LAPACK is compiled in.',
    ]);
    return;
  }
  process.stdout.write('onnx-sane: building the native core with cmake-js...\n');
  const r = spawnSync(process.execPath, [cmakeJs, 'compile'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const after = r.status === 0 ? loadsNow() : { ok: false, error: 'build failed' };
  if (after.ok) {
    process.stdout.write(`onnx-sane: native core built (${path.relative(root, after.file)})\n`);
    return;
  }
  const log = `${r.stdout || ''}\n${r.stderr || ''}`;
  const hint = /CMAKE_CXX_COMPILER|CMAKE_C_COMPILER|compiler/i.test(log)
      ? 'No C++ compiler was found.'
      : /cmake.*not found|ENOENT|CMake executable is not found/i.test(log)
        ? 'cmake was not found.'
        : `the build failed (${after.error}).`;
  const tail = [...new Set(log.trim().split('\n').filter(Boolean))].slice(-3);
  warn([
    `Building the native addon: ${hint}`,
    ...tail.map((l) => `| ${l.slice(0, 160)}`),
    'For the native core install: apt-get install cmake g++   then: npm run build:native',
  ]);
}

try {
  main();
} catch (err) {
  warn([`unexpected error while preparing the native core: ${(err && err.message) || err}`]);
}
process.exit(0);
