// bin/sane.js in the layouts it meets (issue 10): an installed package runs dist/ whatever the file times say (npm
// unpacks src/ and dist/ with arbitrary times and installs no tsx); a clone whose dist/ is older than src/ runs the
// sources through tsx, or dist/ with a warning when tsx is missing; without either it says what to run.
// (The real tarball, installed by npm: scripts/check-packed.mjs, run by .ci/run.)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;
let tmp: string;

/** A copy of the package at `dir`: bin/, dist/, src/ (src/cli/main.ts broken and newer than dist/), package.json. */
function packageCopy(dir: string, { dist = true } = {}): void {
  mkdirSync(dir, { recursive: true });
  const items = ['bin', 'src', 'package.json', ...(dist ? ['dist'] : [])];
  for (const item of items) cpSync(path.join(repoRoot, item), path.join(dir, item), { recursive: true });
  // If the launcher ran the sources, this would fail loudly; dist/ still has the working CLI.
  const main = path.join(dir, 'src', 'cli', 'main.ts');
  writeFileSync(main, 'throw new Error("the launcher ran src/ instead of dist/");\n');
  const future = new Date(Date.now() + 3600_000);
  utimesSync(main, future, future);
}

/** node_modules with every dependency of the clone, optionally without tsx. */
function dependencies(dir: string, { tsx }: { tsx: boolean }): void {
  const nm = path.join(dir, 'node_modules');
  mkdirSync(nm, { recursive: true });
  for (const entry of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry === '.bin' || (!tsx && entry === 'tsx')) continue;
    symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(nm, entry), 'dir');
  }
}

function sane(root: string, args: string[]) {
  const env = { ...process.env };
  delete env.SANE_LAUNCH;
  return spawnSync(process.execPath, [path.join(root, 'bin', 'sane.js'), ...args], { encoding: 'utf8', env, timeout: 60_000 });
}

beforeAll(() => {
  expect(existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js')), 'dist/ missing: run npm run build').toBe(true);
  tmp = mkdtempSync(path.join(tmpdir(), 'sane-launcher-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the sane launcher', () => {
  it('installed (inside node_modules): runs dist/ even when src/ looks newer, with tsx available', () => {
    const project = path.join(tmp, 'project');
    dependencies(project, { tsx: true });
    const pkg = path.join(project, 'node_modules', 'onnx-sane');
    packageCopy(pkg);
    const r = sane(pkg, ['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(version);
    expect(r.status).toBe(0);
  });

  it('a clone with a stale dist/ and tsx present runs the sources', () => {
    const clone = path.join(tmp, 'clone-tsx');
    packageCopy(clone);
    dependencies(clone, { tsx: true });
    const r = sane(clone, ['--version']);
    expect(r.stderr).toMatch(/the launcher ran src\/ instead of dist\//);
    expect(r.status).not.toBe(0);
  });

  it('a clone with a stale dist/ and no tsx runs dist/ with a warning', () => {
    const clone = path.join(tmp, 'clone-no-tsx');
    packageCopy(clone);
    dependencies(clone, { tsx: false });
    const r = sane(clone, ['--version']);
    expect(r.stderr).toMatch(/^sane: warning: dist\/ is older than src\/ and tsx .* is not installed; running dist\//);
    expect(r.stdout.trim()).toBe(version);
    expect(r.status).toBe(0);
  });

  it('a clone with neither dist/ nor tsx says what to run', () => {
    const clone = path.join(tmp, 'clone-bare');
    packageCopy(clone, { dist: false });
    dependencies(clone, { tsx: false });
    const r = sane(clone, ['--version']);
    expect(r.stderr).toMatch(/dist\/cli\/main\.js is missing and tsx is not installed/);
    expect(r.stderr).toMatch(/npm ci && npm run build/);
    expect(r.status).toBe(1);
  });

  it('installed without dist/ says to reinstall', () => {
    const project = path.join(tmp, 'project-broken');
    dependencies(project, { tsx: true });
    const pkg = path.join(project, 'node_modules', 'onnx-sane');
    packageCopy(pkg, { dist: false });
    const r = sane(pkg, ['--version']);
    expect(r.stderr).toMatch(/was never compiled/);
    expect(r.stderr).toMatch(/Reinstall the package/);
    expect(r.status).toBe(1);
  });
});
