// `sane doctor`: which numerical core loads and why, which onnxruntime package a score would use and why (the two
// are chosen independently: src/core/index.ts, chooseRuntime in src/oracle/runtime.ts), and versions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { SaneError } from '../errors.js';
import type { RuntimeName } from '../api/types.js';
import type { CoreKind, LoadedCore } from '../core/types.js';
import { CORE_CHOICES } from './options.js';
import { packageInfo } from '../util/package-root.js';

export interface DoctorFlags {
  core?: (typeof CORE_CHOICES)[number];
  json?: boolean;
  verbose?: boolean;
}

interface RuntimeStatus {
  version: string | null;
  loads: boolean;
  error?: string;
}

export interface DoctorReport {
  core: CoreKind;
  reason: string;
  /** How the choice was made: --core, SANE_CORE, or automatic. */
  requested: string;
  coreVersion: string;
  /** Where the core's LAPACK comes from: the shared libraries the native addon mapped, or the WASM module itself. */
  lapack: string;
  /** The onnxruntime package `sane score` uses by default (independent of the core), and why. */
  runtime: RuntimeName;
  runtimeReason: string;
  runtimes: Record<RuntimeName, RuntimeStatus>;
  defaultMemoryBudget: number;
  node: string;
  platform: string;
  cpus: number;
  freeMemory: number;
  package: { name: string; version: string };
  ok: boolean;
  problems: string[];
}

const require = createRequire(import.meta.url);

// Package exports often hide package.json, so find it from the resolved entry point.
function packageVersion(name: string): string | null {
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (pkg.name === name) return String(pkg.version);
      } catch {
        // not here; go up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return null;
}

async function probeRuntime(name: RuntimeName): Promise<RuntimeStatus> {
  const version = packageVersion(name);
  try {
    const ort = (await import(name)) as { InferenceSession?: unknown; default?: { InferenceSession?: unknown } };
    const loads = !!(ort.InferenceSession ?? ort.default?.InferenceSession);
    return loads ? { version, loads } : { version, loads, error: 'the package has no InferenceSession export' };
  } catch (e) {
    return { version, loads: false, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

// The default native build compiles LAPACK in (CMakeLists.txt, SANE_LAPACK=bundled); one built with
// SANE_LAPACK=system links it dynamically (reference LAPACK, OpenBLAS, MKL...), and then which library the loader
// actually mapped is what matters for speed and results: /proc/self/maps says it.
function nativeLapack(): string {
  let maps: string;
  try {
    maps = readFileSync('/proc/self/maps', 'utf8');
  } catch {
    return 'not identifiable on this platform';
  }
  const libs = new Set<string>();
  for (const line of maps.split('\n')) {
    const file = line.slice(line.indexOf('/'));
    if (line.includes('/') && /lapack|blas|mkl_|libflame/i.test(file.split('/').pop() ?? '')) libs.add(file.trim());
  }
  return libs.size > 0 ? [...libs].join(', ') : 'compiled into the addon (f2c translation of reference LAPACK 3.11)';
}

/** --core, else SANE_CORE, else auto; a bad SANE_CORE value is an error rather than silently "auto". */
export function requestedCore(flag: DoctorFlags['core']): { prefer: (typeof CORE_CHOICES)[number]; requested: string } {
  if (flag !== undefined) return { prefer: flag, requested: `--core ${flag}` };
  const env = process.env.SANE_CORE;
  if (env !== undefined && env !== '') {
    if (!(CORE_CHOICES as readonly string[]).includes(env)) {
      throw new SaneError('BAD_OPTION', `SANE_CORE must be one of ${CORE_CHOICES.join(', ')}; got "${env}"`);
    }
    return { prefer: env as (typeof CORE_CHOICES)[number], requested: `SANE_CORE=${env}` };
  }
  return { prefer: 'auto', requested: 'auto (native, falling back to WASM)' };
}

export async function doctorReport(flags: DoctorFlags): Promise<DoctorReport> {
  const { requested } = requestedCore(flags.core);
  const { loadCore } = await import('../core/index.js');
  let loaded: LoadedCore;
  try {
    // Without --core the loader reads SANE_CORE itself, so its reason says "forced by SANE_CORE".
    loaded = await loadCore(flags.core !== undefined ? { prefer: flags.core } : {});
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('CORE', e instanceof Error ? e.message : String(e), {
      cause: e,
      hint:
        'the native addon is built by `npm run build:native` (cmake, g++; LAPACK is compiled in), the WASM module by ' +
        '`npm run build:wasm`; without --core and SANE_CORE the loader falls back from native to WASM',
    });
  }
  const core = loaded.core;
  const runtimes = {
    'onnxruntime-node': await probeRuntime('onnxruntime-node'),
    'onnxruntime-web': await probeRuntime('onnxruntime-web'),
  } as Record<RuntimeName, RuntimeStatus>;
  const problems: string[] = [];
  const { chooseRuntime } = await import('../oracle/runtime.js');
  let runtime: RuntimeName;
  let runtimeReason: string;
  try {
    ({ name: runtime, reason: runtimeReason } = await chooseRuntime());
  } catch (e) {
    runtime = 'onnxruntime-web';
    runtimeReason = e instanceof Error ? e.message : String(e);
    problems.push(runtimeReason);
  }
  return {
    core: core.kind,
    reason: loaded.reason,
    requested,
    coreVersion: core.version(),
    lapack: core.kind === 'native' ? nativeLapack() : 'LAPACK routines compiled into the WASM module (f2c)',
    runtime,
    runtimeReason,
    runtimes,
    defaultMemoryBudget: core.defaultMemoryBudget(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    freeMemory: os.freemem(),
    package: packageInfo(),
    ok: problems.length === 0,
    problems,
  };
}

function gib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function formatDoctor(r: DoctorReport): string {
  const rt = (name: RuntimeName) => {
    const s = r.runtimes[name];
    const v = s.version ?? 'not installed';
    return s.loads ? `${v} (loads)` : `${v} (does not load: ${s.error})`;
  };
  const rows: [string, string][] = [
    ['onnx-sane', r.package.version],
    ['core', `${r.core}  [requested: ${r.requested}]`],
    ['why', r.reason],
    ['core version', r.coreVersion],
    ['LAPACK', r.lapack],
    ['runtime', `${r.runtime} (the default of sane score; --runtime overrides)`],
    ['why', r.runtimeReason],
    ['onnxruntime-node', rt('onnxruntime-node')],
    ['onnxruntime-web', rt('onnxruntime-web')],
    ['memory budget', `${gib(r.defaultMemoryBudget)} by default (free: ${gib(r.freeMemory)}; --memory-budget overrides)`],
    ['node', `${r.node} on ${r.platform}, ${r.cpus} CPUs`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const p of r.problems) lines.push(`problem: ${p}`);
  return lines.join('\n') + '\n';
}

/** Returns the exit status: 0 when a core and a runtime load. */
export async function doctorCommand(flags: DoctorFlags): Promise<number> {
  const report = await doctorReport(flags);
  process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatDoctor(report));
  return report.ok ? 0 : 1;
}
