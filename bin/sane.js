#!/usr/bin/env node
// Launcher of the `sane` command.
//
// It runs the compiled CLI (dist/cli/main.js, written by `npm run build`) when that exists and is at least as new as
// every file under src/; otherwise it runs src/cli/main.ts in-process through tsx (a dev dependency). So the command
// works from a fresh clone right after `npm ci`, before or without a build, and a stale dist/ never hides an edit to
// the sources. An installed package has no src/ and always uses dist/.
// SANE_LAUNCH=dist|source forces one of the two.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

function chooseEntry() {
  const forced = process.env.SANE_LAUNCH;
  if (forced === 'dist') return 'dist';
  if (forced === 'source') return 'source';
  if (!existsSync(distMain)) return 'source';
  if (!existsSync(srcMain)) return 'dist';
  return statSync(distMain).mtimeMs >= newestMtime(srcDir) ? 'dist' : 'source';
}

async function loadCli() {
  if (chooseEntry() === 'dist') return import(pathToFileURL(distMain).href);
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'sane: dist/cli/main.js is missing or older than src/, and tsx is not installed to run the sources.\n' +
        'Run `npm ci && npm run build` in the package directory.\n',
    );
    process.exit(1);
  }
  register();
  return import(pathToFileURL(srcMain).href);
}

const { run } = await loadCli();
const code = await run(process.argv);
// Exit explicitly: onnxruntime's thread pools can keep the event loop alive after the work is done. stdout and stderr
// are synchronous for files and pipes on Linux, so nothing written is lost; the empty writes flush TTYs.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
