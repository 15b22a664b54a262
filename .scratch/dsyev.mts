import { loadCore } from '/work/main/src/core/index.js';
const { core } = await loadCore();
const n = 371; const a = new Float64Array(n * n); for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = Math.sin(i * 7 + j * 3); a[i * n + j] = v; a[j * n + i] = v; }
for (let k = 0; k < 5; k++) { const t = performance.now(); await core.symmetricEigenvaluesAsync(a, n); console.log('dsyev 371 ms', (performance.now() - t).toFixed(1)); }
