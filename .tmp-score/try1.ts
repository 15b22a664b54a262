import { score } from '../src/api/score.js';
import { readNpzScratch } from './npz.js';
import { readFileSync } from 'node:fs';
const F = '/work/shared/fixtures/';
for (const name of (process.argv[2] ?? 'mlp_tanh_lr0.5,reg_softplus_lr0.1,cnn_lr0.3').split(',')) {
  const ref = JSON.parse(readFileSync(F + name + '.json', 'utf8'));
  const data = readNpzScratch(F + name + '.npz');
  const loss = ref.loss === 'mse' ? 'mse' : 'cross-entropy';
  for (const core of (process.argv[3] ?? 'native').split(',')) {
    for (const estimator of (process.argv[4] ?? 'exact').split(',')) {
      const r = await score(F + name + '.onnx', data, { loss, estimator: estimator as any, core: core as any });
      const rel = (a: number, b: number) => ((a - b) / b * 100).toFixed(3) + '%';
      console.log(name, core, r.backend.runtime, estimator, 'P', r.numParams, 'N', r.numSamples, 'loss', r.loss, 'ref', ref.loss_at_params_float64);
      console.log('  sane', r.sane, '±', r.saneStdErr, 'ref', ref.metrics['sane_c0.5'], rel(r.sane, ref.metrics['sane_c0.5']), 'z', ((r.sane - ref.metrics['sane_c0.5'])/r.saneStdErr).toFixed(2));
      console.log('  neff', r.neff, '±', r.neffStdErr, 'ref', ref.metrics['neff_z1'], rel(r.neff, ref.metrics['neff_z1']));
      console.log('  lmax', r.lambdaMax, ref.lambda_max, rel(r.lambdaMax, ref.lambda_max), 'lmin', r.lambdaMin, ref.lambda_min, 'trace', r.trace, '±', r.traceStdErr, ref.trace);
      console.log('  top', r.topEigenvalues.map((v, i) => ((v - ref.metrics.top5_abs[i]) / ref.lambda_max).toExponential(2)).join(' '));
      console.log('  hvps', r.hvpCount, 'hvpSec', r.hvpSeconds.toFixed(2), 'sec', r.seconds.toFixed(2), JSON.stringify((r as any).timing), JSON.stringify(r.options));
    }
  }
}
