// The README's API example (examples/api.mjs) runs as written and gives PyTorch's answer for the bundled example.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const run = promisify(execFile);

describe('README API example', () => {
  it('scores and ranks the bundled example like PyTorch', async () => {
    // `import 'onnx-sane'` resolves to dist/ (package.json exports), which npm ci builds through `prepare`.
    expect(existsSync(path.join(repoRoot, 'dist', 'index.js')), 'dist/ missing: run npm run build').toBe(true);
    const { stdout } = await run(process.execPath, ['examples/api.mjs'], { cwd: repoRoot, timeout: 300_000 });
    const ref = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'examples', `${name}.json`), 'utf8'));
    const fast = ref('spirals_lr0.5');
    const slow = ref('spirals_lr0.05');
    const [sane, neff, lambdaMax] = stdout.split(/\s+/).slice(0, 3).map(Number);
    expect(Math.abs(sane / fast.metrics['sane_c0.5'] - 1)).toBeLessThan(0.01);
    expect(Math.abs(neff / fast.metrics['neff_z1'] - 1)).toBeLessThan(0.01);
    expect(Math.abs(lambdaMax / fast.lambda_max - 1)).toBeLessThan(0.01);
    // compare() ranks by SANE, smaller first: the order PyTorch's exact SANE gives.
    const expected = [fast, slow].sort((a, b) => a.metrics['sane_c0.5'] - b.metrics['sane_c0.5']).map((r) => r.case);
    const ranked = [...stdout.matchAll(/examples\/(spirals_lr[0-9.]+)\.onnx: /g)].map((m) => m[1]);
    expect(ranked).toEqual(expected);
  });
});
