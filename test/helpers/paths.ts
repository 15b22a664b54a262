// Paths shared by the tests: the repository root and the read-only fixtures and benchmark models beside it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = path.resolve(repoRoot, '..', 'shared', 'fixtures');
export const benchDir = path.resolve(repoRoot, '..', 'shared', 'bench');
export const fixtureNames = ['mlp_tanh_lr0.5', 'cnn_lr0.3', 'reg_softplus_lr0.1'] as const;
export const sharedDir = path.resolve(repoRoot, '..', 'shared');

// The shared folder sits beside the clone (here /work/shared; in CI a copy beside the clone dir). Without it every
// fixture test would be meaningless, so say so loudly instead of skipping.
for (const dir of [fixturesDir, benchDir]) {
  if (!existsSync(dir)) {
    throw new Error(`test data folder ${dir} is missing: the tests expect ../shared/{fixtures,bench} beside the repository`);
  }
}

/** Every fixtures/*.json, as absolute paths (throws if there are none). */
export function fixtureJsonFiles(): string[] {
  const files = readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(fixturesDir, f));
  if (files.length === 0) throw new Error(`no *.json fixtures in ${fixturesDir}`);
  return files;
}
