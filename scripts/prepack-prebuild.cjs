#!/usr/bin/env node
// `prepack`: the tarball must carry this platform's native prebuild, or every user who installs it gets the WASM core
// (correct, slower) without knowing why. prebuilds/ is not committed and `npm ci` builds only build/ (which the
// package does not ship), so a `npm pack` from a fresh clone shipped no native core at all until this ran
// prebuildify itself. It runs prebuildify when this platform's prebuild is missing or older than the native sources
// (a stale one would ship an old core next to new TypeScript); a current one is kept (the CI makes it just before).
// A `npm pack` or `npm publish` that cannot build it (no compiler, no cmake) fails with what to do, unless
// SANE_PACK_WITHOUT_NATIVE=1 says a WASM-only package is what is wanted; npm also packs a git dependency on the
// user's machine (npm_command is then install), which only warns, as install-native.cjs does: an install never fails.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const prebuildDir = path.join(root, 'prebuilds', `${process.platform}-${process.arch}`);

/** Newest modification time under the given paths (files or folders), in ms. */
function newest(paths) {
  let t = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else t = Math.max(t, st.mtimeMs);
  };
  paths.forEach((p) => visit(path.join(root, p)));
  return t;
}

function prebuildTime() {
  if (!fs.existsSync(prebuildDir)) return 0;
  const nodes = fs.readdirSync(prebuildDir).filter((f) => f.endsWith('.node'));
  return nodes.length ? Math.min(...nodes.map((f) => fs.statSync(path.join(prebuildDir, f)).mtimeMs)) : 0;
}

const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');

function fail(lines) {
  process.stderr.write(['', `onnx-sane prepack: ${packing ? 'FAILED' : 'the WebAssembly core will be used'}`, ...lines.map((l) => `  ${l}`), ''].join('\n') + '\n');
  process.exit(packing ? 1 : 0);
}

const made = prebuildTime();
const sources = newest(['native', 'CMakeLists.txt', 'binding.gyp']);
if (made > 0 && made >= sources) {
  process.stdout.write(`onnx-sane prepack: prebuild for ${process.platform}-${process.arch} is current\n`);
  process.exit(0);
}
if (process.env.SANE_PACK_WITHOUT_NATIVE === '1') {
  process.stderr.write('onnx-sane prepack: SANE_PACK_WITHOUT_NATIVE=1: packing without a current native prebuild (users get the WASM core)\n');
  process.exit(0);
}
process.stdout.write(`onnx-sane prepack: ${made ? 'the prebuild is older than native/' : 'no prebuild'} for ${process.platform}-${process.arch}: running prebuildify\n`);
const npm = process.env.npm_execpath;
const r = npm
  ? spawnSync(process.execPath, [npm, 'run', 'prebuildify'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'prebuildify'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (r.status !== 0 || prebuildTime() < sources) {
  fail([
    `prebuildify did not produce prebuilds/${process.platform}-${process.arch}/ (exit ${r.status}).`,
    'It needs the dev dependencies (npm ci), cmake and a C/C++ compiler (apt-get install cmake g++).',
    'To pack a WASM-only package on purpose: SANE_PACK_WITHOUT_NATIVE=1 npm pack',
  ]);
}
