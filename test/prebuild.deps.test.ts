// The native addon is self-contained (issue 10): LAPACK/BLAS are compiled in (CMakeLists.txt, SANE_LAPACK=bundled),
// so its dynamic dependencies are only the system C/C++ runtime, its glibc baseline is 2.29, and it loads and
// computes on a machine without liblapack, libblas, libopenblas and libgfortran. Checked on every addon file
// node-gyp-build could pick: the prebuild (npm run prebuildify, what the package ships) and the local build.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const prebuildDir = path.join(repoRoot, 'prebuilds', `${process.platform}-${process.arch}`);
const addons = [
  ...(existsSync(prebuildDir) ? readdirSync(prebuildDir).filter((f) => f.endsWith('.node')).map((f) => path.join(prebuildDir, f)) : []),
  ...[path.join(repoRoot, 'build', 'Release', 'sane_core.node')].filter(existsSync),
];

// What any Linux with a C++ toolchain's runtime has; nothing of LAPACK, BLAS or Fortran.
const ALLOWED_NEEDED = ['libc.so.6', 'libm.so.6', 'libstdc++.so.6', 'libgcc_s.so.1'];

// Libraries a LAPACK-linked addon would need, wherever the dynamic loader could find them on this machine.
function lapackLibraries(): string[] {
  const out = execFileSync('ldconfig', ['-p'], { encoding: 'utf8' });
  const files = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^\s*(\S+) .*=> (\S+)$/.exec(line);
    if (m && /^lib(lapack|blas|cblas|openblas|gfortran|quadmath)[^/]*\.so/.test(m[1])) files.add(m[2]);
  }
  return [...files];
}

function versionsOf(file: string, prefix: string): number[][] {
  const out = execFileSync('objdump', ['-T', file], { encoding: 'utf8' });
  const found = new Set([...out.matchAll(new RegExp(`\\(${prefix}_([0-9.]+)\\)`, 'g'))].map((m) => m[1]));
  return [...found].map((v) => v.split('.').map(Number));
}
const newest = (vs: number[][]) =>
  vs.reduce((a, b) => { for (let i = 0; i < Math.max(a.length, b.length); i++) { if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0) ? a : b; } return a; }, [0]).join('.');

describe('the native addon is self-contained', () => {
  it('exists (build it with npm run build:native, the shipped prebuild with npm run prebuildify)', () => {
    expect(addons.length).toBeGreaterThan(0);
  });

  for (const addon of addons) {
    const name = path.relative(repoRoot, addon);

    it(`${name}: needs only libc, libm, libstdc++ and libgcc_s (readelf and ldd)`, () => {
      const dyn = execFileSync('readelf', ['-d', addon], { encoding: 'utf8' });
      const needed = [...dyn.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
      expect(needed.length).toBeGreaterThan(0);
      expect(needed.filter((n) => !ALLOWED_NEEDED.includes(n))).toEqual([]);
      // ldd adds what those pull in (the loader, the vDSO): still nothing of LAPACK/BLAS/Fortran.
      const ldd = execFileSync('ldd', [addon], { encoding: 'utf8' });
      expect(ldd).not.toMatch(/not found/);
      expect(ldd).not.toMatch(/lapack|blas|gfortran|quadmath/i);
    });

    it(`${name}: glibc baseline 2.29, libstdc++ baseline GLIBCXX_3.4.29 (GCC 11)`, () => {
      // Raising these silently would drop distributions (README "Install"); exp/log@GLIBC_2.29 come from libm.
      expect(newest(versionsOf(addon, 'GLIBC'))).toBe('2.29');
      expect(newest(versionsOf(addon, 'GLIBCXX'))).toBe('3.4.29');
    });

    it(`${name}: loads and solves with every LAPACK/BLAS/Fortran library out of reach`, () => {
      const hidden = lapackLibraries();
      // This machine has them (CI installs liblapack-dev), so hiding them proves something.
      expect(hidden.length).toBeGreaterThan(0);
      // A private mount namespace (unshare -rm: a user namespace, so root is not required where the kernel allows
      // them) in which each of those files is /dev/null: the loader cannot map any of them.
      const probe = `
        const fs = require('node:fs');
        for (const f of ${JSON.stringify(hidden)}) {
          if (fs.statSync(f).size !== 0) throw new Error(f + ' is still reachable');
        }
        // Control: a library that needs LAPACK fails here.
        try { process.dlopen({ exports: {} }, ${JSON.stringify(hidden[0])}); throw new Error('control loaded'); }
        catch (e) { if (/did not self-register|control loaded/.test(e.message)) throw new Error('LAPACK still loads: ' + e.message); }
        const addon = require(${JSON.stringify(addon)});
        // diag(3, 1, 2) rotated by a Householder reflection: eigenvalues 1, 2, 3 whatever the rotation.
        const v = [0.5, 0.5, 0.5, 0.5].slice(0, 3), vv = v.reduce((s, x) => s + x * x, 0);
        const d = [3, 1, 2], a = new Float64Array(9);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
          let s = 0;
          for (let k = 0; k < 3; k++) s += ((i === k) - 2 * v[i] * v[k] / vv) * d[k] * ((k === j) - 2 * v[k] * v[j] / vv);
          a[i * 3 + j] = s;
        }
        console.log(JSON.stringify(Array.from(addon.symmetricEigenvalues(a, 3))));
      `;
      const mounts = hidden.map((f) => `mount --bind /dev/null '${f}'`).join(' && ');
      const r = spawnSync('unshare', ['-rm', 'sh', '-c', `${mounts} && exec '${process.execPath}' -e "$PROBE"`], {
        encoding: 'utf8',
        env: { ...process.env, PROBE: probe },
      });
      expect(r.error, 'unshare (util-linux) is needed for this test').toBeUndefined();
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const w = JSON.parse(r.stdout) as number[];
      expect(w.length).toBe(3);
      [1, 2, 3].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 12));
    });
  }
});
