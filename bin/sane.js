#!/usr/bin/env node
// Launcher of the `sane` command.
//
// Installed (the package sits in a node_modules folder): always the compiled CLI, dist/cli/main.js. The tarball
// ships src/ too, and unpacking gives its files arbitrary times, so comparing them would be meaningless; and an
// installed package has no tsx to run sources with.
// In a clone: dist/cli/main.js (written by `npm run build`) when it exists and is at least as new as every file
// under src/; otherwise src/cli/main.ts in-process through tsx (a dev dependency). So the command works from a
// fresh clone right after `npm ci`, before or without a build, and a stale dist/ never hides an edit to the sources.
// If tsx is missing there too, a dist/ that exists is run with a warning rather than refusing to work.
// SANE_LAUNCH=dist|source forces one of the two.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distMain = join(root, 'dist', 'cli', 'main.js');
const srcDir = join(root, 'src');
const srcMain = join(srcDir, 'cli', 'main.ts');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

// realpath: `npm link` and `npm i ../onnx-sane` reach a clone through a symlink; that is a clone, not an install.
const installed = realpathSync(root).split(sep).includes('node_modules');

function chooseEntry() {
  const forced = process.env.SANE_LAUNCH;
  if (forced === 'dist') return 'dist';
  if (forced === 'source') return 'source';
  if (installed) return 'dist';
  if (!existsSync(distMain)) return 'source';
  if (!existsSync(srcMain)) return 'dist';
  return statSync(distMain).mtimeMs >= newestMtime(srcDir) ? 'dist' : 'source';
}

function fail(lines) {
  process.stderr.write(lines.map((l, i) => (i === 0 ? `sane: ${l}` : `  ${l}`)).join('\n') + '\n');
  process.exit(1);
}

async function loadCli() {
  const entry = chooseEntry();
  if (entry === 'dist') {
    if (!existsSync(distMain)) {
      fail([
        `${distMain} is missing: this copy of onnx-sane was never compiled.`,
        installed
          ? 'Reinstall the package (npm i onnx-sane); a package made with `npm pack` always contains dist/.'
          : 'Run `npm run build` in the package directory.',
      ]);
    }
    return import(pathToFileURL(distMain).href);
  }
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    if (existsSync(distMain) && process.env.SANE_LAUNCH !== 'source') {
      process.stderr.write('sane: warning: dist/ is older than src/ and tsx (to run the sources) is not installed; ' +
        'running dist/. Run `npm run build` to compile the edits.\n');
      return import(pathToFileURL(distMain).href);
    }
    fail([
      'dist/cli/main.js is missing and tsx is not installed to run the sources.',
      'Run `npm ci && npm run build` in the package directory.',
    ]);
  }
  register();
  return import(pathToFileURL(srcMain).href);
}

const { run } = await loadCli();
const code = await run(process.argv);
// Exit explicitly: onnxruntime's thread pools can keep the event loop alive after the work is done. stdout and stderr
// are synchronous for files and pipes on Linux, so nothing written is lost; the empty writes flush TTYs.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
