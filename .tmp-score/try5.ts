import { score } from '../src/api/score.js';
const F = '/work/shared/fixtures/';
const base = { estimator: 'exact' as const, core: 'native' as const };
for (const o of [{}, { gateMemoryBudget: 0, batchSize: 16 }, { gates: 'live' as const }, { gates: 'live' as const, fdStep: 1e-2 }, { fdScheme: 'forward' as const }]) {
  const r = await score(F + 'cnn_lr0.3.onnx', F + 'cnn_lr0.3.npz', { ...base, ...o });
  console.log(JSON.stringify(o), r.sane, r.lambdaMax, r.hvpCount, JSON.stringify(r.timing), (r.options as any).gates);
}
for (const o of [{ fdScheme: 'forward' as const }]) {
  const r = await score(F + 'reg_softplus_lr0.1.onnx', F + 'reg_softplus_lr0.1.npz', { ...base, loss: 'mse', ...o });
  console.log('reg', JSON.stringify(o), r.sane, r.lambdaMax, r.neff, r.hvpCount, JSON.stringify(r.timing));
  const r2 = await score(F + 'mlp_tanh_lr0.5.onnx', F + 'mlp_tanh_lr0.5.npz', { ...base, ...o });
  console.log('mlp', JSON.stringify(o), r2.sane, r2.lambdaMax, r2.neff, r2.hvpCount, JSON.stringify(r2.timing));
}
