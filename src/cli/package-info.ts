// The package's own name and version, read from its package.json (two levels above src/cli and dist/cli).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { name: string; version: string } | undefined;

export function packageInfo(): { name: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'onnx-sane') return (cached = { name: pkg.name, version: String(pkg.version) });
    } catch {
      // not here; go up
    }
    dir = dirname(dir);
  }
  return (cached = { name: 'onnx-sane', version: 'unknown' });
}
