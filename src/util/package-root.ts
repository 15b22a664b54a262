// Where onnx-sane's own files are: the nearest ancestor of this module holding onnx-sane's package.json. That is the
// same answer from src/ (tsx, vitest), dist/ (after tsc) and node_modules/onnx-sane/ (installed), whatever the depth.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; name: string; version: string } | undefined;

function find(): { root: string; name: string; version: string } {
  if (cached) return cached;
  const here = fileURLToPath(import.meta.url);
  let dir = path.dirname(here);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
        if (json.name === 'onnx-sane') return (cached = { root: dir, name: json.name, version: String(json.version) });
      } catch {
        // not ours (or unreadable): keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package root of onnx-sane not found above ${here}`);
    dir = parent;
  }
}

/** The package's root folder. */
export function packageRoot(): string {
  return find().root;
}

/** The package's own name and version. */
export function packageInfo(): { name: string; version: string } {
  const { name, version } = find();
  return { name, version };
}
