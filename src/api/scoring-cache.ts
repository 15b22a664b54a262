// Reuse across scoring jobs in one process (issue 8): checkpoints of one architecture (the same graph, other
// parameter values) share one built gradient graph and one set of onnxruntime sessions, and a data file is read once.
//
// This works because the gradient models take the parameters as graph inputs: a session built for one checkpoint
// computes gradients at any θ fed to it. What must match is everything else baked into the graph: the nodes, the
// non-floating-point initializers (shapes, indices) and the floating-point initializers that are not parameters
// (BatchNorm running statistics), plus the options that change the build (loss, parameter pattern, gates) and the
// sessions (runtime, threads). The key is a SHA-256 over the model with the parameters' values left out; the values
// of the non-parameter floats are compared separately, since which floats are parameters is only known after a build.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { GradientModels } from '../onnx/gradient.js';
import type { ModelProto, TensorProto } from '../onnx/proto-types.js';
import { zeroRowSignature } from '../onnx/padding-rows.js';
import { ARENA_PARAM_LIMIT, createSession, loadRuntime, type RuntimeSession } from '../oracle/runtime.js';
import { errorMessage } from '../errors.js';
import type { ProbeRuntime } from '../onnx/nchwc-probe.js';
import type { RuntimeName, LossSpec } from './types.js';
import type { ArrayData } from '../data/types.js';

/** What prepareScoring needs to get a gradient graph and its sessions. */
export interface GraphRequest {
  modelBytes: Uint8Array;
  baseDir?: string;
  label: string;
  loss: LossSpec;
  params?: string;
  runtime: RuntimeName;
  threads?: number;
  gates: 'frozen' | 'live';
  /** GradientOptions.paddingRows (a build option: part of the key, with the rows it finds). */
  paddingRows?: 'frozen' | 'trained';
  /** GradientOptions.ignoreIndex (a build option: part of the key). */
  ignoreIndex?: number;
  /** GradientOptions.classAxis and labelsShape (build options: part of the key, the shape without its sample axis). */
  classAxis?: 1 | -1 | 'auto';
  /** GradientOptions.labelSmoothing (a build option: part of the key). */
  labelSmoothing?: number;
  labelsShape?: readonly number[];
  maxBytes?: number;
  /** GradientOptions.hoistBytesPerSample (a build option: part of the key); 0 with live gates, which have no gate
   *  model to hoist into. */
  hoistBytesPerSample?: number;
  /** GradientOptions.batchRows (a build option: part of the key). */
  batchRows?: number;
}

export interface PreparedGraph {
  /** The build (for a reused graph: the first checkpoint's, whose theta is not this one's). */
  built: GradientModels;
  /** This checkpoint's parameter values, in built.params order. */
  theta: Float32Array;
  gradSession: RuntimeSession;
  gateSession: RuntimeSession | null;
  /** Sessions belong to the cache (kept after the job) rather than to the job. */
  cached: boolean;
  /** True when the graph and sessions were built for an earlier job. */
  reused: boolean;
  /** The class count of a cross-entropy model, computed once per architecture. */
  numClasses(compute: () => Promise<number | undefined>): Promise<number | undefined>;
}

export interface ScoringCache {
  graph(req: GraphRequest): Promise<PreparedGraph>;
  arrays(data: string, maxBytes: number | undefined): Promise<Record<string, ArrayData>>;
}

/** Without a cache: build and open sessions for this job only (they are released with it). */
export async function prepareGraph(cache: ScoringCache | undefined, req: GraphRequest): Promise<PreparedGraph> {
  if (cache) return cache.graph(req);
  const { built, grad, gate } = await buildAndOpen(req);
  return { built, theta: built.theta, gradSession: grad, gateSession: gate, cached: false, reused: false, numClasses: (f) => f() };
}

/**
 * MLAS's NCHWc block size when the sessions run on onnxruntime-node (src/onnx/nchwc-probe.ts, once per process), for
 * the blocked Convs of src/onnx/nchwc.ts; undefined on onnxruntime-web, when the probe finds none, or with
 * SANE_NCHWC=0 (plain Convs, for comparisons).
 */
async function nchwcBlockFor(runtime: RuntimeName, modelBytes: Uint8Array): Promise<number | undefined> {
  if (runtime !== 'onnxruntime-node' || process.env.SANE_NCHWC === '0') return undefined;
  // The probe opens sessions (25-100 ms once per process): only for a model that may hold a Conv. The op type is a
  // protobuf string, so a model with a Conv node has these bytes; a chance match elsewhere only costs the probe.
  if (!Buffer.from(modelBytes.buffer, modelBytes.byteOffset, modelBytes.byteLength).includes('Conv')) return undefined;
  const { probeNchwcBlock } = await import('../onnx/nchwc-probe.js');
  return probeNchwcBlock((await loadRuntime(runtime)) as unknown as ProbeRuntime);
}

/** Builds and opens the sessions; if sessions of a build with NCHWc Convs fail to open, the plain build instead. */
async function buildAndOpen(req: GraphRequest): Promise<{ built: GradientModels; grad: RuntimeSession; gate: RuntimeSession | null }> {
  const nchwcBlock = await nchwcBlockFor(req.runtime, req.modelBytes);
  const built = await buildGraph(req, nchwcBlock);
  if (!built.nchwcConvs) return { built, ...(await openSessions(req, built)) };
  try {
    return { built, ...(await openSessions(req, built)) };
  } catch (e) {
    // The blocked kernels are an optimisation only: a runtime that refuses them (another onnxruntime build, a
    // change in the com.microsoft.nchwc ops) gets the plain Convs, and the user is told why the run is slower.
    const plain = await buildGraph(req, undefined);
    const sessions = await openSessions(req, plain);
    plain.warnings.push(
      `onnxruntime refused the blocked (NCHWc) convolutions of the gradient model (${errorMessage(e)}); using plain ` +
        'Convs, which give the same numbers more slowly',
    );
    return { built: plain, ...sessions };
  }
}

async function buildGraph(req: GraphRequest, nchwcBlock: number | undefined): Promise<GradientModels> {
  const { buildGradientModels } = await import('../onnx/gradient.js');
  const { fromBuilderError } = await import('../onnx/errors.js');
  try {
    return buildGradientModels(req.modelBytes, { loss: req.loss, params: req.params !== undefined ? new RegExp(req.params) : undefined, baseDir: req.baseDir, label: req.label, maxBytes: req.maxBytes, nchwcBlock,
      hoistBytesPerSample: req.hoistBytesPerSample, batchRows: req.batchRows, paddingRows: req.paddingRows, ignoreIndex: req.ignoreIndex,
      classAxis: req.classAxis, labelSmoothing: req.labelSmoothing, labelsShape: req.labelsShape,
    });
  } catch (e) {
    throw fromBuilderError(e, req.label);
  }
}

function usesGates(req: GraphRequest, built: GradientModels): boolean {
  return req.gates === 'frozen' && built.gates !== null && built.gateNames.length > 0;
}

async function openSessions(req: GraphRequest, built: GradientModels): Promise<{ grad: RuntimeSession; gate: RuntimeSession | null }> {
  const frozen = usesGates(req, built);
  const memArena = built.numParams < ARENA_PARAM_LIMIT;
  const grad = await createSession(req.runtime, frozen ? built.gradient : built.live, { threads: req.threads, label: frozen ? 'gated gradient' : 'gradient', memArena });
  if (!frozen) return { grad, gate: null };
  try {
    return { grad, gate: await createSession(req.runtime, built.gates as Uint8Array, { threads: req.threads, label: 'gate', memArena }) };
  } catch (e) {
    await grad.release().catch(() => undefined);
    throw e;
  }
}

interface Entry {
  built: GradientModels;
  grad: RuntimeSession;
  gate: RuntimeSession | null;
  /** SHA-256 of the floating-point initializers that are not parameters. */
  fixedFloats: string;
  classes?: Promise<number | undefined>;
}

const FLOAT_TYPES = new Set([1, 10, 11, 16]); // FLOAT, FLOAT16, DOUBLE, BFLOAT16

// Keys are hashed from the decoded model as JSON (bytes as base64) rather than by re-encoding it: this runs before
// every job, and JSON.stringify of a small graph takes well under a millisecond where the protobuf encoder takes
// several.
const jsonBytes = (_k: string, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v);

function tensorValues(t: TensorProto): unknown {
  return [t.rawData, t.floatData, t.doubleData, t.int32Data];
}

/** Hashes the model with the values of its floating-point initializers left out. */
function structureKey(model: ModelProto, req: GraphRequest): string {
  const g = model.graph;
  const inits = g.initializer.map((t) => (FLOAT_TYPES.has(t.dataType) ? { name: t.name, dims: t.dims, dataType: t.dataType, ext: t.externalData } : t));
  const h = createHash('sha256');
  h.update(JSON.stringify([model.irVersion, model.opsetImport, model.functions, g.node, g.input, g.output, g.valueInfo, g.sparseInitializer, inits], jsonBytes));
  h.update(JSON.stringify([req.loss, req.params ?? null, req.gates, req.runtime, req.threads ?? 0, req.hoistBytesPerSample ?? 0, req.batchRows ?? 0, req.ignoreIndex ?? null, req.classAxis ?? 'auto', req.labelSmoothing ?? 0, req.labelsShape?.slice(1) ?? null]));
  // The padding-row masks depend on values: a checkpoint whose table has another zero row needs another build.
  h.update(JSON.stringify([req.paddingRows ?? 'frozen', req.paddingRows === 'trained' ? [] : zeroRowSignature(model)]));
  return h.digest('hex');
}

/** Hashes the values of the floating-point initializers that are not parameters (BatchNorm statistics...). */
function fixedFloatsHash(model: ModelProto, paramNames: Set<string>): string {
  const h = createHash('sha256');
  for (const t of model.graph.initializer) {
    if (!FLOAT_TYPES.has(t.dataType) || paramNames.has(t.name ?? '')) continue;
    h.update(JSON.stringify([t.name, tensorValues(t)], jsonBytes));
  }
  return h.digest('hex');
}

/**
 * A per-process cache of gradient graphs with their sessions (at most `maxGraphs`, least recently used evicted and
 * released) and of data files' arrays (keyed by path, size and modification time; at most `maxDataFiles`).
 */
export class SessionCache implements ScoringCache {
  private graphs = new Map<string, Entry>();
  private data = new Map<string, Promise<Record<string, ArrayData>>>();
  constructor(private readonly limits: { maxGraphs?: number; maxDataFiles?: number } = {}) {}

  async graph(req: GraphRequest): Promise<PreparedGraph> {
    const { parseModel } = await import('../onnx/model-file.js');
    const { tensorToFloat64 } = await import('../onnx/tensor-codec.js');
    const { fromBuilderError } = await import('../onnx/errors.js');
    let model: ModelProto;
    try {
      model = parseModel(req.modelBytes, { baseDir: req.baseDir, label: req.label, maxBytes: req.maxBytes });
    } catch (e) {
      throw fromBuilderError(e, req.label);
    }
    const key = structureKey(model, req);
    const hit = this.graphs.get(key);
    const inits = new Map(model.graph.initializer.map((t) => [t.name ?? '', t]));
    // (A parameter the builder derived rather than read as an initializer, e.g. through an alias, means no reuse.)
    if (hit && hit.built.params.every((p) => inits.has(p.name)) && fixedFloatsHash(model, new Set(hit.built.params.map((p) => p.name))) === hit.fixedFloats) {
      // Same graph: only θ changes. Read it from this checkpoint's initializers in the cached parameter order.
      const theta = new Float32Array(hit.built.numParams);
      for (const p of hit.built.params) theta.set(tensorToFloat64(inits.get(p.name)!), p.offset);
      this.graphs.delete(key);
      this.graphs.set(key, hit); // most recently used last
      return this.prepared(hit, theta, true);
    }
    const { built, grad, gate } = await buildAndOpen(req);
    const entry: Entry = { built, grad, gate, fixedFloats: fixedFloatsHash(model, new Set(built.params.map((p) => p.name))) };
    if (hit) await this.evict(key);
    this.graphs.set(key, entry);
    while (this.graphs.size > (this.limits.maxGraphs ?? 4)) await this.evict(this.graphs.keys().next().value as string);
    return this.prepared(entry, built.theta, false);
  }

  private prepared(e: Entry, theta: Float32Array, reused: boolean): PreparedGraph {
    return {
      built: e.built, theta, gradSession: e.grad, gateSession: e.gate, cached: true, reused,
      numClasses: (compute) => (e.classes ??= compute()),
    };
  }

  private async evict(key: string): Promise<void> {
    const e = this.graphs.get(key);
    this.graphs.delete(key);
    if (!e) return;
    await e.grad.release().catch(() => undefined);
    await e.gate?.release().catch(() => undefined);
  }

  async arrays(data: string, maxBytes: number | undefined): Promise<Record<string, ArrayData>> {
    const { loadArrays } = await import('../data/read-arrays.js');
    let id = `${data}\0${maxBytes ?? ''}`;
    try {
      const s = await stat(data);
      id += `\0${s.size}\0${s.mtimeMs}`;
    } catch {
      return loadArrays(data, { maxBytes }); // reports the missing file
    }
    let p = this.data.get(id);
    if (!p) {
      p = loadArrays(data, { maxBytes });
      p.catch(() => this.data.delete(id));
      this.data.set(id, p);
      while (this.data.size > (this.limits.maxDataFiles ?? 8)) this.data.delete(this.data.keys().next().value as string);
    }
    return p;
  }

  /** The same cache, telling `onGraph` whether each job's graph was reused (for batch results). */
  tracking(onGraph: (reused: boolean) => void): ScoringCache {
    return {
      graph: async (req) => {
        const g = await this.graph(req);
        onGraph(g.reused);
        return g;
      },
      arrays: (data, maxBytes) => this.arrays(data, maxBytes),
    };
  }

  /** Releases every session (end of a worker). */
  async close(): Promise<void> {
    for (const k of [...this.graphs.keys()]) await this.evict(k);
    this.data.clear();
  }
}
