import { score } from '/work/main/src/api/index.js';
import { loadCore } from '/work/main/src/core/index.js';
for (let i = 0; i < 3; i++) {
  const t0 = performance.now(); let last = 0; let first = 0;
  const r = await score('/work/main/examples/spirals_lr0.5.onnx', '/work/main/examples/spirals.npz', { onProgress: () => { last = performance.now(); if (!first) first = last; } });
  const end = performance.now();
  console.log('total', (end - t0).toFixed(0), 'before first', (first - t0).toFixed(0), 'after last', (end - last).toFixed(0), 'hvp s', r.hvpSeconds.toFixed(3), r.hvpCount, r.options.fdScheme);
}
const { core } = await loadCore();
const n = 371; const a = new Float64Array(n * n); for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = Math.sin(i * 7 + j * 3); a[i * n + j] = v; a[j * n + i] = v; }
for (let k = 0; k < 3; k++) { const t = performance.now(); await core.symmetricEigenvaluesAsync(a); console.log('dsyev 371 ms', (performance.now() - t).toFixed(1)); }
