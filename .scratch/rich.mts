import { score } from '/work/main/src/api/index.js';
import { readFileSync } from 'node:fs';
for (const name of ['mlp_tanh_lr0.5', 'cnn_lr0.3', 'reg_softplus_lr0.1']) {
  const ref = JSON.parse(readFileSync(`/work/shared/fixtures/${name}.json`, 'utf8'));
  const m = `/work/shared/fixtures/${name}.onnx`, d = `/work/shared/fixtures/${name}.npz`;
  for (const [fdScheme, fdStep] of [['richardson', 0.004], ['richardson', 0.007], ['richardson', 0.01], ['richardson', 0.014]] as const) {
    for (const estimator of ['exact', 'lanczos'] as const) {
      const r = await score(m, d, { estimator, loss: ref.loss, core: 'native', fdScheme, fdStep });
      const rel = (a: number, b: number) => (Math.abs(a - b) / Math.abs(b)).toExponential(1);
      const top = Math.max(...r.topEigenvalues.map((v, i) => Math.abs(v - ref.metrics.top5_abs[i]))) / ref.lambda_max;
      console.log(name, fdScheme, fdStep, estimator, 'sane', rel(r.sane, ref.metrics['sane_c0.5']), 'neff', rel(r.neff, ref.metrics['neff_z1']), 'lmax', rel(r.lambdaMax, ref.lambda_max), 'top', top.toExponential(1), 's', r.hvpSeconds.toFixed(2));
    }
  }
}
