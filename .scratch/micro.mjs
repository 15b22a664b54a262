const n = 535818; const g = new Float32Array(n).map((_, i) => Math.sin(i)); const d = new Float64Array(n);
function t(name, f) { for (let k = 0; k < 5; k++) f(); const ts = []; for (let k = 0; k < 21; k++) { const a = performance.now(); f(); ts.push(performance.now() - a); } ts.sort((a, b) => a - b); console.log(name, ts[10].toFixed(3), 'ms'); }
t('set', () => d.set(g));
t('loop', () => { for (let i = 0; i < n; i++) d[i] = g[i]; });
t('sum1', () => { let s = 0; for (let i = 0; i < n; i++) s += d[i]; return s; });
t('sum4', () => { let s0 = 0, s1 = 0, s2 = 0, s3 = 0; let i = 0; for (; i + 3 < n; i += 4) { s0 += d[i]; s1 += d[i + 1]; s2 += d[i + 2]; s3 += d[i + 3]; } for (; i < n; i++) s0 += d[i]; return s0 + s1 + s2 + s3; });
