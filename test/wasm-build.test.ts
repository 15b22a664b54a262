// What is specific to the WebAssembly build (the numerics are in the core.*.test.ts files, run on both builds):
// the committed artifact loads without emscripten and without any file next to it, and the JS side survives heap
// growth and heap addresses above 2 GiB (the module may grow to 4 GiB; pointers come back as signed i32).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Core, LanczosResult } from '../src/core/types.js';
import { loadWasmCore, wasmArtifactPath } from '../src/core/wasm.js';

const repoRoot = path.resolve(import.meta.dirname, '..');

describe('WASM artifact', () => {
  it('is committed where the loader looks for it', () => {
    expect(wasmArtifactPath()).toBe(path.join(repoRoot, 'wasm', 'dist', 'sane_core.cjs'));
    expect(existsSync(wasmArtifactPath())).toBe(true);
  });

  it('loads and computes in a process whose PATH has no emscripten, also from a lone copy of the file', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'sane-wasm-'));
    try {
      // PATH = a directory holding only `node`: no emcc, em++, clang or wasm-ld can be found.
      const bin = path.join(tmp, 'bin');
      spawnSync('mkdir', [bin]);
      symlinkSync(process.execPath, path.join(bin, 'node'));
      // A copy of the artifact alone in a directory: the .wasm must be inlined (SINGLE_FILE).
      const lone = path.join(tmp, 'lone', 'sane_core.cjs');
      spawnSync('mkdir', [path.dirname(lone)]);
      copyFileSync(wasmArtifactPath(), lone);
      const script = `
        import { existsSync } from 'node:fs';
        import path from 'node:path';
        import { loadWasmCore, loadWasmCoreFrom } from ${JSON.stringify(path.join(repoRoot, 'src/core/wasm.ts'))};
        const emcc = process.env.PATH.split(':').some((d) => existsSync(path.join(d, 'emcc')));
        const out = { emcc };
        for (const [name, load] of [['repo', () => loadWasmCore()], ['lone', () => loadWasmCoreFrom(${JSON.stringify(lone)})]]) {
          const core = await load();
          // [[2, 1], [1, 2]] has eigenvalues 1 and 3; the 1-2-1 tridiagonal of size 3 has 2 - sqrt(2), 2, 2 + sqrt(2).
          out[name] = {
            kind: core.kind,
            dense: Array.from(core.symmetricEigenvalues(new Float64Array([2, 1, 1, 2]), 2)),
            tri: Array.from(core.tridiagonalEigen(new Float64Array([2, 2, 2]), new Float64Array([-1, -1])).values),
          };
        }
        console.log(JSON.stringify(out));
      `;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        env: { PATH: bin, HOME: tmp, NODE_PATH: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr, r.stderr).not.toMatch(/Error/);
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, never>;
      expect(out.emcc).toBe(false);
      for (const name of ['repo', 'lone']) {
        const res = out[name] as { kind: string; dense: number[]; tri: number[] };
        expect(res.kind).toBe('wasm');
        expect(res.dense[0]).toBeCloseTo(1, 14);
        expect(res.dense[1]).toBeCloseTo(3, 14);
        const want = [2 - Math.SQRT2, 2, 2 + Math.SQRT2];
        res.tri.forEach((x, i) => expect(x).toBeCloseTo(want[i], 14));
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 90_000);
});

/** Lanczos on a diagonal operator with the three eigenvalues 1, 2, 3 (each repeated) from a Rademacher start: the
 *  Krylov space is 3-dimensional, so the run stops invariant after 3 steps with Ritz values exactly 1, 2, 3. */
function runThreeEigenvalues(core: Core, n: number): LanczosResult {
  const s = core.createLanczos({ n, steps: 6, seed: 5 });
  try {
    let more = true;
    while (more) {
      const q = s.vector();
      more = s.step(q.map((x, i) => (1 + (i % 3)) * x));
    }
    return s.result();
  } finally {
    s.dispose();
  }
}

describe('WASM heap handling', () => {
  it('keeps sessions and results right across heap growth and above 2 GiB', async () => {
    const core = await loadWasmCore();
    const n = 12;
    // A session created before the heap grows...
    const early = core.createLanczos({ n, steps: n, seed: 1 });
    const before = early.vector();
    // ...then 2 GiB of basis (1.75 GiB rows + 256 MiB product buffer; dlmalloc serves no single block >= 2 GiB),
    // which moves the top of the heap past 2 GiB. Untouched pages cost no RAM.
    const big = core.createLanczos({ n: 2 ** 25, steps: 7, seed: 2, memoryBudget: 2 ** 32 });
    try {
      // Rademacher start vector: every entry is +-1/sqrt(n), in the same place as before the growth.
      const after = early.vector();
      expect(Array.from(after)).toEqual(Array.from(before));
      for (const x of after) expect(Math.abs(x)).toBeCloseTo(1 / Math.sqrt(n), 15);
      // A run of 6 x 16 MiB has no room below 2 GiB any more, so its buffers have addresses >= 2^31 (negative as
      // i32): it must still be exact.
      const r = runThreeEigenvalues(core, 2 ** 21);
      expect(r.invariant).toBe(true);
      expect(r.steps).toBe(3);
      Array.from(r.ritzValues).forEach((x, i) => expect(x).toBeCloseTo(i + 1, 12));
      const dense = core.symmetricEigenvalues(new Float64Array([4, 0, 0, 9]), 2);
      expect(Array.from(dense)).toEqual([4, 9]);
    } finally {
      big.dispose();
      early.dispose();
    }
  }, 60_000);

  it('turns a failed heap growth into an error that says what to change', async () => {
    const core = await loadWasmCore();
    // 3.5 GiB passes an explicit budget but cannot be allocated next to what the module already holds.
    expect(() => core.createLanczos({ n: 2 ** 26, steps: 7, memoryBudget: 2 ** 40 })).toThrow(
      /out of memory in createLanczos.*4 GiB/,
    );
  });
});
