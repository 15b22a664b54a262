// Core selection through the CLI: `sane doctor` reports which build loads and why, SANE_CORE and --core force one,
// forcing one that cannot load is an error (never a silent switch). (score --core native|wasm against PyTorch:
// test/cli.score.test.ts.)
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSane } from './helpers/cli.js';
import { repoRoot } from './helpers/paths.js';

const installedVersion = (pkg: string) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;

describe('sane doctor', () => {
  it('--json reports the core, why, the runtime and why, and the versions', async () => {
    const r = await runSane(['doctor', '--json'], { env: { SANE_CORE: undefined } });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(['native', 'wasm']).toContain(d.core);
    expect(d.reason.length).toBeGreaterThan(5);
    // The runtime does not follow the core: onnxruntime-node whenever it loads (it does in a clone).
    expect(d.runtime).toBe('onnxruntime-node');
    expect(d.runtimeReason).toMatch(/onnxruntime-node loads/);
    expect(d.coreVersion).toMatch(/\d+\.\d+/);
    expect(d.runtimes['onnxruntime-node'].version).toBe(installedVersion('onnxruntime-node'));
    expect(d.runtimes['onnxruntime-web'].version).toBe(installedVersion('onnxruntime-web'));
    expect(d.runtimes['onnxruntime-node'].loads).toBe(true);
    expect(d.runtimes['onnxruntime-web'].loads).toBe(true);
    expect(d.defaultMemoryBudget).toBeGreaterThan(0);
  });

  it('SANE_CORE=wasm makes it say "wasm", and the runtime stays onnxruntime-node', async () => {
    const r = await runSane(['doctor', '--json'], { env: { SANE_CORE: 'wasm' } });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.core).toBe('wasm');
    expect(d.runtime).toBe('onnxruntime-node');
    expect(d.reason).toMatch(/SANE_CORE/);
  });

  it('--core wins over SANE_CORE', async () => {
    const r = await runSane(['doctor', '--json', '--core', 'wasm'], { env: { SANE_CORE: 'native' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).core).toBe('wasm');
  });

  it('the text report names the core and the reason', async () => {
    const r = await runSane(['doctor', '--core', 'wasm']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^core\s+wasm/m);
    expect(r.stdout).toMatch(/^why\s+\S/m);
    expect(r.stdout).toMatch(/^onnxruntime-web\s+\d/m);
  });

  it('a bad SANE_CORE or --core value is a usage error', async () => {
    const env = await runSane(['doctor'], { env: { SANE_CORE: 'gpu' } });
    expect(env.stderr).toMatch(/SANE_CORE must be one of auto, native, wasm; got "gpu"/);
    expect(env.code).toBe(2);
    const flag = await runSane(['doctor', '--core', 'gpu']);
    expect(flag.stderr).toMatch(/--core must be one of auto, native, wasm; got "gpu"/);
    expect(flag.code).toBe(2);
  });
});

describe('a package copy without the native addon', () => {
  // The sources, the launcher and the committed WASM module, but no build/ or prebuilds/: the addon cannot load.
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'sane-no-native-'));
    for (const item of ['bin', 'src', 'package.json', 'wasm']) {
      cpSync(path.join(repoRoot, item), path.join(copy, item), {
        recursive: true,
        filter: (src) => !src.startsWith(path.join(repoRoot, 'wasm', 'build')),
      });
    }
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });
  const runCopy = (args: string[], env: Record<string, string | undefined>) => runSane(args, { env, root: copy });

  it('SANE_CORE=native is an error that says why, with a non-zero exit', async () => {
    const r = await runCopy(['doctor'], { SANE_CORE: 'native' });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/native core was forced by SANE_CORE but cannot be loaded: .+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).not.toBe(0);
  });

  it('without SANE_CORE the loader falls back to WASM and says so', async () => {
    const r = await runCopy(['doctor', '--json'], { SANE_CORE: undefined });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.core).toBe('wasm');
    expect(d.reason).toMatch(/native addon failed to load: .+; using WASM/);
  });
});
