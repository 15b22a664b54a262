// Exporter-changed parameters reach the user: score() lists the warning in `warnings` (and the CLI prints it on
// stderr) for a BatchNorm model exported in eval mode, whose BatchNormalization the exporter folded into the
// convolution; the same module exported with TrainingMode.PRESERVE has PyTorch's parameters and no warning.
// Models: test/fixtures/exporter/, made by test/fixtures/gen/torch_exporter_changes.py.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { score } from '../src/api/index.js';
import { repoRoot } from './helpers/paths.js';
import { present } from './helpers/present.js';
import { runSane } from './helpers/cli.js';

const dir = path.join(repoRoot, 'test', 'fixtures', 'exporter');
const data = path.join(dir, 'bn_data.npz');
const folded = path.join(dir, 'bn_eval_default.onnx');
const preserved = path.join(dir, 'bn_preserve.onnx');

describe('exporter-changed parameters', () => {
  it('an eval-mode export warns in the result, a PRESERVE export does not; their spectra differ', async () => {
    const a = await score(folded, data, { estimator: 'exact' });
    const b = await score(preserved, data, { estimator: 'exact' });
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(/exporter computed/);
    expect(a.warnings[0]).toMatch(/TrainingMode\.PRESERVE/);
    expect(b.warnings).toEqual([]);
    // Folding removes BatchNorm's γ and β and rescales the weights: fewer parameters, another SANE.
    expect(b.numParams - a.numParams).toBe(9);
    const saneA = present(a.sane, 'eval-mode sane');
    const saneB = present(b.sane, 'PRESERVE sane');
    expect(Math.abs(saneA - saneB) / saneB).toBeGreaterThan(0.03);
  });

  it('sane score prints the warning on stderr, and keeps stdout for the JSON', async () => {
    const r = await runSane(['score', folded, '--data', data, '--estimator', 'exact', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`sane: warning: ${folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*exporter computed`));
    expect(JSON.parse(r.stdout).warnings).toHaveLength(1);
    const clean = await runSane(['score', preserved, '--data', data, '--estimator', 'exact', '--json']);
    expect(clean.stderr).not.toMatch(/warning/);
  });
});
