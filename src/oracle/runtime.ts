// onnxruntime sessions from model bytes, over either package: onnxruntime-node (native) or onnxruntime-web
// (WebAssembly; it also runs in Node). Which one is used does not depend on the core (chooseRuntime). Both expose the
// same API; a session keeps its own module because tensors must be created by the package that runs them. Time spent
// inside run() is counted, so the benchmark can report how much of an HVP is spent outside onnxruntime.
import { SaneError, errorMessage, opt } from '../errors.js';
import type { TensorData, InputSpec } from '../data/dataset.js';
import { physicalCores } from '../util/physical-cores.js';

// The subset of the onnxruntime-common API used here (both packages re-export it).
type OrtTensor = { type: string; dims: readonly number[]; data: unknown; dispose?: () => void };
interface OrtValueMetadata { name: string; isTensor: boolean; type?: string; shape?: ReadonlyArray<number | string> }
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  inputMetadata?: readonly OrtValueMetadata[];
  outputMetadata?: readonly OrtValueMetadata[];
  run(feeds: Record<string, OrtTensor>, fetches?: readonly string[]): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface OrtModule {
  InferenceSession: { create(bytes: Uint8Array, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
  env: { wasm?: { numThreads?: number; simd?: boolean }; versions?: Record<string, string>; logLevel?: string };
}

export type { OrtTensor };

/** The two onnxruntime packages a session can run on. */
export type RuntimeName = 'onnxruntime-node' | 'onnxruntime-web';

const modules = new Map<RuntimeName, Promise<OrtModule>>();

/**
 * onnxruntime-web by a literal specifier, so the browser bundle (scripts/build-browser.mjs) can follow it;
 * onnxruntime-node by a computed one: it is an optional dependency that may be absent, and type-checking must not need
 * it (the bundle never reaches that branch: the page runs onnxruntime-web).
 */
function importRuntime(name: RuntimeName): Promise<unknown> {
  if (name === 'onnxruntime-web') return import('onnxruntime-web');
  const specifier: string = name;
  return import(specifier);
}
let webThreadsSet = false;

export async function loadRuntime(name: RuntimeName): Promise<OrtModule> {
  let m = modules.get(name);
  if (!m) {
    m = (async () => {
      try {
        const mod = (await importRuntime(name)) as unknown as OrtModule & { default?: OrtModule };
        return (mod.InferenceSession ? mod : mod.default) as OrtModule;
      } catch (e) {
        throw new SaneError('CORE', `cannot load ${name}: ${errorMessage(e)}`, {
          cause: e,
          hint: name === 'onnxruntime-node' ? `use ${opt('runtime', 'onnxruntime-web')} (or ${opt('core', 'wasm')})` : 'reinstall the package (npm ci)',
        });
      }
    })();
    modules.set(name, m);
  }
  return m;
}

/** The default runtime and why: what `score()` uses without `runtime`, and what `sane doctor` reports. */
export interface RuntimeChoice {
  name: RuntimeName;
  /** One line for `sane doctor`: why this package. */
  reason: string;
  /** Why each package that was tried and not chosen does not load. */
  failures: Partial<Record<RuntimeName, string>>;
}

/**
 * The fastest onnxruntime that loads, independently of the core: onnxruntime-node whenever it loads, else
 * onnxruntime-web. The runtime dominates the time of a Hessian-vector product and the core does not: per product on
 * the same model, native core + onnxruntime-node 278 ms, WASM core + onnxruntime-node 265 ms, WASM core +
 * onnxruntime-web 720 ms (issue 10). onnxruntime-node is an optional dependency: npm drops it when its install
 * script fails (it downloads CUDA binaries; offline that fails) and on platforms without its binaries, and importing
 * it loads its native binding, so a successful import means it runs.
 */
export async function chooseRuntime(): Promise<RuntimeChoice> {
  const failures: Partial<Record<RuntimeName, string>> = {};
  try {
    await loadRuntime('onnxruntime-node');
    return { name: 'onnxruntime-node', reason: 'onnxruntime-node loads (native, the fastest)', failures };
  } catch (e) {
    failures['onnxruntime-node'] = whyNotLoaded(e instanceof SaneError && e.cause !== undefined ? e.cause : e);
  }
  try {
    await loadRuntime('onnxruntime-web');
  } catch (e) {
    failures['onnxruntime-web'] = whyNotLoaded(e instanceof SaneError && e.cause !== undefined ? e.cause : e);
    throw new SaneError(
      'CORE',
      `no onnxruntime loads. onnxruntime-node: ${failures['onnxruntime-node']}. onnxruntime-web: ${failures['onnxruntime-web']}`,
      { cause: e, hint: 'reinstall onnx-sane (npm i onnx-sane); onnxruntime-web is a plain dependency and loads everywhere Node 20 runs' },
    );
  }
  return {
    name: 'onnxruntime-web',
    reason: `onnxruntime-node does not load: ${failures['onnxruntime-node']}. Using onnxruntime-web (WebAssembly, about 2.7x slower)`,
    failures,
  };
}

function whyNotLoaded(e: unknown): string {
  const text = errorMessage(e);
  const missing = /Cannot find (package|module) 'onnxruntime-node'/.test(text);
  // The usual case: npm left the optional dependency out. Say why that happens and how to get it.
  if (missing) {
    return 'it is not installed (npm leaves this optional dependency out when its install script, a CUDA download, ' +
      'fails, e.g. offline; to install it offline: ONNXRUNTIME_NODE_INSTALL=skip npm i onnxruntime-node)';
  }
  return text.split('\n')[0];
}

export interface SessionOptions {
  /** Intra-op threads (0 or absent: one per physical core, src/util/physical-cores.ts, else onnxruntime's default). */
  threads?: number;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** Names the model in error messages ('gradient', 'gate', 'forward'). */
  label?: string;
  /** onnxruntime-node's CPU memory arena (default true). See ARENA_PARAM_LIMIT. */
  memArena?: boolean;
}

/**
 * Parameters from which the gradient sessions run without onnxruntime's CPU memory arena. The arena grows in
 * power-of-two chunks and keeps what it took, which is memory; without it, onnxruntime's per-run block (its memory
 * pattern, one allocation of the run's planned working memory) is mapped fresh from the kernel and page-faulted in at
 * every gradient, which is time. Measured on ResNet-18 (11.2M parameters, 8 images; eleventh session, 2-core AMD
 * EPYC, six scoring gradients): 0.19 s a gradient with the arena at a peak of 678 MB, 0.55 s without at 524 MB; the
 * tenth session had measured the same speed both ways on another machine (570 / 562 ms, when each gradient also
 * reordered all weights for the NCHWc Convs) and turned it off above a million parameters. At resnet101's 42.5M the
 * memory decides (2.01 GB with the defaults without the arena: README). The limit keeps the arena up to ResNet-18's
 * size and a little beyond, where its few hundred MB leave the 2 GB of issue 9 with room.
 */
export const ARENA_PARAM_LIMIT = 16_000_000;

/** A session plus the bookkeeping the scorer needs. */
export class RuntimeSession {
  /** Seconds spent inside onnxruntime's run(). */
  runSeconds = 0;
  runs = 0;
  constructor(
    readonly runtime: RuntimeName,
    readonly ort: OrtModule,
    readonly session: OrtSession,
    readonly label = 'model',
    /** Intra-op threads the session runs with (0: onnxruntime-node's own default, one per physical core). */
    readonly threads = 0,
  ) {}

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Declared type and shape of an input (undefined shape when the model declares none). */
  inputSpec(name: string): InputSpec {
    const md = this.session.inputMetadata?.find((m) => m.name === name);
    return { name, type: md?.type ?? 'float32', shape: md?.shape };
  }
  outputSpec(name: string): InputSpec {
    const md = this.session.outputMetadata?.find((m) => m.name === name);
    return { name, type: md?.type ?? 'float32', shape: md?.shape };
  }

  tensor(t: TensorData): OrtTensor {
    return new this.ort.Tensor(t.type, t.data, t.dims);
  }
  floatTensor(data: Float32Array, dims: readonly number[]): OrtTensor {
    return new this.ort.Tensor('float32', data, dims);
  }

  async run(feeds: Record<string, OrtTensor>, fetches?: readonly string[]): Promise<Record<string, OrtTensor>> {
    const t0 = performance.now();
    try {
      return await this.session.run(feeds, fetches);
    } catch (e) {
      // A failing run of a model the builder produced is a bug or a data problem onnxruntime caught first; either
      // way the user gets onnxruntime's words and which model it was, not a stack trace.
      throw new SaneError('MODEL', `${this.runtime} failed running the ${this.label} model: ${errorMessage(e)}`, { cause: e });
    } finally {
      this.runSeconds += (performance.now() - t0) / 1000;
      this.runs++;
    }
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

export async function createSession(runtime: RuntimeName, model: Uint8Array, options: SessionOptions = {}): Promise<RuntimeSession> {
  const ort = await loadRuntime(runtime);
  const sessionOptions: Record<string, unknown> = {
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    executionProviders: runtime === 'onnxruntime-node' ? ['cpu'] : ['wasm'],
    // Failures come back as exceptions with the same text, which we report; onnxruntime's own log line would
    // print it a second time on stderr.
    logSeverityLevel: 4,
  };
  if (options.memArena === false && runtime === 'onnxruntime-node') sessionOptions.enableCpuMemArena = false;
  // onnxruntime's intra-op workers spin for a while after run() returns, which on a small machine takes the core
  // from the HVP's own passes that follow every run (fdPoints ran at a third of its speed right after a run). With
  // force_spinning_stop they spin during a run and stop when it returns. npm run bench:hvp -- --spin-compare, same
  // run, ms per product (outside onnxruntime): mlp784 central 117.9 (8.4) spinning, 118.9 (11.9) never spinning,
  // 113.2 (4.6) stopped after run; lenet 288 / 219 / 228; resnet8 2415 / 2007 / 2260 (load 6-8, README).
  if (runtime === 'onnxruntime-node') sessionOptions.extra = { session: { force_spinning_stop: '1' } };
  let threads = 0;
  if (runtime === 'onnxruntime-node') {
    // No count given: the physical cores (src/util/physical-cores.ts; onnxruntime's own default ran one thread on a
    // 2-core machine), or onnxruntime's default where the topology is unknown.
    const count = options.threads !== undefined && options.threads > 0 ? options.threads : physicalCores();
    if (count !== undefined) {
      sessionOptions.intraOpNumThreads = count;
      sessionOptions.interOpNumThreads = 1;
      threads = count;
    }
  }
  if (runtime === 'onnxruntime-web' && ort.env.wasm && !webThreadsSet) {
    // The WASM backend reads its thread count once, when its first session is created. Its own default in Node is
    // half the CPUs (1 on a 2-core machine) while onnxruntime-node uses every core; we match the latter. Measured
    // with `npm run bench` on 2 cores: ms/HVP with 2 threads vs 1: mlp784 219 vs 180, lenet 298 vs 395, resnet8 1779
    // vs 2020 (noisy: other jobs were running).
    const os = await import('node:os');
    const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    ort.env.wasm.numThreads = options.threads !== undefined && options.threads > 0 ? options.threads : Math.max(1, Math.min(8, cpus));
    webThreadsSet = true;
  }
  // The WASM backend keeps the count of its first session for the life of the process: report what is in force.
  if (runtime === 'onnxruntime-web') threads = ort.env.wasm?.numThreads ?? 1;
  try {
    const session = await ort.InferenceSession.create(model, sessionOptions);
    return new RuntimeSession(runtime, ort, session, options.label, threads);
  } catch (e) {
    throw new SaneError('MODEL', `${runtime} cannot load the ${options.label ?? 'model'} model: ${errorMessage(e)}`, { cause: e });
  }
}
