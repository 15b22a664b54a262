import { score } from '/work/main/src/api/index.js';
import { readFileSync } from 'node:fs';
for (const name of ['mlp_tanh_lr0.5', 'reg_softplus_lr0.1']) {
  const ref = JSON.parse(readFileSync(`/work/shared/fixtures/${name}.json`, 'utf8'));
  for (const fdStep of [undefined, 0.05, 0.1, 0.3]) {
    const r = await score(`/work/shared/fixtures/${name}.onnx`, `/work/shared/fixtures/${name}.npz`, { estimator: 'exact', loss: ref.loss, fdStep, core: 'native' });
    console.log(name, fdStep, (r.lambdaMax / ref.lambda_max - 1).toExponential(2), (r.sane / ref.metrics['sane_c0.5'] - 1).toExponential(2), (r.neff / ref.metrics['neff_z1'] - 1).toExponential(2));
  }
}
