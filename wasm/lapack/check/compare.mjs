// Compares the outputs of lapack_check built natively and with the f2c port: eigenvalues to `tol` relative to the
// largest |eigenvalue| of the same problem (both are backward stable, so they agree to a small multiple of
// eps * ||A||), everything else (info, flags, replacements, dlamch) exactly or to 4 ulps.
import { readFileSync } from 'node:fs';

const parse = (f) => new Map(readFileSync(f, 'utf8').trim().split('\n').map((l) => {
  const i = l.indexOf(' ');
  return [l.slice(0, i), l.slice(i + 1).split(' ').map(Number)];
}));
const [a, b] = [parse(process.argv[2]), parse(process.argv[3])];
const tol = 1e-12;
let bad = 0;
if (a.size !== b.size) { console.error(`different key counts ${a.size} vs ${b.size}`); bad++; }
const scaleOf = new Map();
for (const [k, v] of a) {
  const m = /^(.*)\.w\d+$/.exec(k);
  if (m) scaleOf.set(m[1], Math.max(scaleOf.get(m[1]) ?? 0, Math.abs(v[0])));
}
for (const [k, va] of a) {
  const vb = b.get(k);
  if (!vb) { console.error(`missing ${k}`); bad++; continue; }
  const m = /^(.*)\.w\d+$/.exec(k);
  for (let i = 0; i < va.length; i++) {
    const x = va[i], y = vb[i];
    const ok = m ? Math.abs(x - y) <= tol * scaleOf.get(m[1]) : (x === y || Math.abs(x - y) <= 4 * 2.3e-16 * Math.abs(x));
    if (!ok) { console.error(`${k}: native ${x} vs wasm ${y}`); bad++; }
    if (k.endsWith('_ok') && x !== 1) { console.error(`${k}: native check failed`); bad++; }
  }
}
console.log(`${a.size} values compared, ${bad} mismatches`);
process.exit(bad ? 1 : 0);
