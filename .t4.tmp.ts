import { loadWasmCoreFrom } from './src/core/wasm.js';
import { loadNativeCore } from './src/core/native.js';
const cur = await loadWasmCoreFrom('/work/main/wasm/dist/sane_core.cjs');
const fast = await loadWasmCoreFrom('/tmp/fastblas/sane_core.cjs');
const nat = await loadNativeCore();
const med = (x: number[]) => x.sort((a, b) => a - b)[x.length >> 1];
for (const n of [500, 1000]) {
  let s = 1; const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32 - 0.5; };
  const A = new Float64Array(n * n); for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = rnd();
  const t: Record<string, number[]> = { cur: [], fast: [], nat: [] };
  let ev: Record<string, Float64Array> = {};
  for (let r = 0; r < 5; r++) for (const [k, c] of [['cur', cur], ['fast', fast], ['nat', nat]] as const) { const t0 = performance.now(); ev[k] = c.symmetricEigenvalues(A, n); t[k].push(performance.now() - t0); }
  const scale = Math.max(...ev.nat.map(Math.abs));
  const dev = (k: string) => Math.max(...ev[k].map((x, i) => Math.abs(x - ev.nat[i]))) / scale;
  console.log(`n=${n}: cur ${med(t.cur).toFixed(1)} fast ${med(t.fast).toFixed(1)} native ${med(t.nat).toFixed(1)} | max dev/||A|| cur ${dev('cur').toExponential(2)} fast ${dev('fast').toExponential(2)}`);
}
