import { score } from '/work/main/src/api/index.js';
import { readFileSync } from 'node:fs';
for (const core of ['native', 'wasm'] as const)
for (const name of ['mlp_tanh_lr0.5', 'reg_softplus_lr0.1', 'cnn_lr0.3']) {
  const ref = JSON.parse(readFileSync(`/work/shared/fixtures/${name}.json`, 'utf8'));
  const m = `/work/shared/fixtures/${name}.onnx`, d = `/work/shared/fixtures/${name}.npz`;
  const r = await score(m, d, { estimator: 'exact', loss: ref.loss, core });
  const rel = (a: number, b: number) => (Math.abs(a - b) / Math.abs(b)).toExponential(1);
  const top = Math.max(...r.topEigenvalues.map((v, i) => Math.abs(v - ref.metrics.top5_abs[i]))) / ref.lambda_max;
  console.log(core, name, 'exact sane', rel(r.sane, ref.metrics['sane_c0.5']), 'neff', rel(r.neff, ref.metrics['neff_z1']), 'lmax', rel(r.lambdaMax, ref.lambda_max), 'lmin', rel(r.lambdaMin, ref.lambda_min), 'top', top.toExponential(1), 'trace', rel(r.trace, ref.trace));
  const c = await score(m, d, { estimator: 'exact', loss: ref.loss, core, negative: 'clip', saneC: 0.1, neffZ: 0.1 });
  const k = await score(m, d, { estimator: 'exact', loss: ref.loss, core, saneK: 5 });
  console.log('   clip', rel(c.sane, ref.metrics['sane_clip_c0.1']), rel(c.neff, ref.metrics['neff_clip_z0.1']), 'k5', rel(k.sane, ref.metrics['sane_k5_c0.5']));
  const l = await score(m, d, { estimator: 'lanczos', loss: ref.loss, core });
  const ltop = Math.max(...l.topEigenvalues.map((v, i) => Math.abs(v - ref.metrics.top5_abs[i]))) / ref.lambda_max;
  console.log('   lanczos', l.hvpCount, 'lmax', rel(l.lambdaMax, ref.lambda_max), 'lmin', rel(l.lambdaMin, ref.lambda_min), 'top', ltop.toExponential(1), JSON.stringify(l.options));
}
