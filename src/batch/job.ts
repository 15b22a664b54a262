// A scoring job as batch files, queues and the service carry it, and its result line. A job names its model and
// data by path (relative paths resolve against a base folder: the jobs file's, or the service's root), optionally
// with their SHA-256 so that a worker refuses a file that changed since the job was written. The result is the
// `sane score --json` object plus `id`, `status` and `graphReused`, or an error with its reason code and message.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { SaneError, isSaneError, errorMessage, type SaneErrorCode, type SaneErrorReason } from '../errors.js';
import type { ScoreOptions, ScoreResult } from '../api/types.js';

export interface BatchJob {
  id: string;
  model: string;
  data: string;
  options?: ScoreOptions;
  /** Hex SHA-256 of the model and data files when the job was written. */
  sha256?: { model?: string; data?: string };
}

export type BatchOk = {
  id: string;
  status: 'ok';
  graphReused: boolean;
  /** Seconds of the job before its first product (file checks, graph lookup or build, data, gates) and after its
   *  last (the estimator's own work, e.g. the dense eigensolve of `exact`). */
  phases?: { beforeProductsSeconds: number; afterProductsSeconds: number };
} & Omit<ScoreResult, 'density'>;
export interface BatchError {
  id: string;
  status: 'error';
  reason: SaneErrorReason | 'INTERNAL';
  code: SaneErrorCode | 'internal';
  message: string;
  hint?: string;
}
export type BatchResult = BatchOk | BatchError;

const OPTION_KEYS = new Set([
  'loss', 'estimator', 'exactLimit', 'top', 'steps', 'probes', 'seed', 'saneC', 'neffZ', 'negative', 'saneK', 'params',
  'perLayer', 'batchSize', 'samples', 'inputMap', 'labelsKey', 'ignoreIndex', 'classAxis', 'labelSmoothing', 'gates', 'paddingRows', 'fdScheme', 'fdStep', 'threads', 'core',
  'runtime', 'memoryBudget', 'gateMemoryBudget', 'maxParams', 'maxProducts', 'maxSeconds', 'maxInputBytes',
]);

/** Checks a parsed job object (from JSON: untrusted shape); `where` names it in messages ("line 3"). */
export function validateJob(raw: unknown, where: string): BatchJob {
  const bad = (m: string) => new SaneError('BAD_OPTION', `${where}: ${m}`);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('a job is a JSON object {"id", "model", "data", "options"}');
  const j = raw as Record<string, unknown>;
  if (typeof j.id !== 'string' && typeof j.id !== 'number') throw bad('"id" must be a string');
  const id = String(j.id);
  if (id.length === 0 || id.length > 200) throw bad('"id" must be 1 to 200 characters');
  if (typeof j.model !== 'string' || !j.model) throw bad('"model" must be a path');
  if (typeof j.data !== 'string' || !j.data) throw bad('"data" must be a path');
  const options = j.options ?? {};
  if (typeof options !== 'object' || Array.isArray(options)) throw bad('"options" must be an object');
  for (const k of Object.keys(options as object)) if (!OPTION_KEYS.has(k)) throw bad(`unknown option "${k}"`);
  const sha = j.sha256 as BatchJob['sha256'] | undefined;
  if (sha !== undefined && (typeof sha !== 'object' || [sha.model, sha.data].some((h) => h !== undefined && !/^[0-9a-f]{64}$/.test(String(h))))) {
    throw bad('"sha256" must be {"model": HEX, "data": HEX}');
  }
  return { id, model: j.model, data: j.data, options: options as ScoreOptions, ...(sha ? { sha256: sha } : {}) };
}

/** A job's paths made absolute against `baseDir`. */
export function resolveJobPaths(job: BatchJob, baseDir: string): BatchJob {
  return { ...job, model: path.resolve(baseDir, job.model), data: path.resolve(baseDir, job.data) };
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('data', (c) => h.update(c)).on('end', resolve).on('error', reject);
  });
  return h.digest('hex');
}

/** Refuses with FILE_CHANGED when a file's SHA-256 differs from the one the job carries. */
export async function verifyJobFiles(job: BatchJob): Promise<void> {
  for (const which of ['model', 'data'] as const) {
    const want = job.sha256?.[which];
    if (!want) continue;
    let got: string;
    try {
      got = await sha256File(job[which]);
    } catch {
      throw new SaneError('FILE_NOT_FOUND', `${which} file not found: ${job[which]}`);
    }
    if (got !== want) {
      throw new SaneError('FILE_CHANGED', `${which} file ${job[which]} changed since the job was submitted (SHA-256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…)`);
    }
  }
}

export function errorResult(id: string, e: unknown): BatchError {
  if (isSaneError(e)) return { id, status: 'error', reason: e.reason, code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return { id, status: 'error', reason: 'INTERNAL', code: 'internal', message: errorMessage(e) };
}

export function okResult(id: string, r: ScoreResult, graphReused: boolean): BatchOk {
  const { density: _density, ...rest } = r;
  void _density;
  return { id, status: 'ok', graphReused, ...rest };
}
