// Which architecture a job's model has, as the parent process can tell cheaply, so that the pool sends checkpoints
// of one architecture to the child that already built its gradient graph (pool.ts). Only a scheduling hint: the
// child decides reuse itself (SessionCache's structure key, on the decoded model); a wrong or missing hint costs a
// graph build, never a wrong number.
//
// The hint is a SHA-256 of the model file's protobuf wire format with the initializers' numeric payloads left out
// (TensorProto float_data, raw_data, double_data inside GraphProto.initializer), walked with protobufjs's Reader
// rather than decoded: the parent never materializes tensors, and a malformed file just gets no hint (the child
// reports it properly).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import protobuf from 'protobufjs';
import type { BatchJob } from './job.js';

// Above this the parent does not read the file for a hint: a graph build matters next to the products of small
// models only (ResNet-18's build is ~1% of its job), and the parent (the service, the queue worker) should not hold
// big files in memory. The pool computes hints one at a time, so this bounds that memory too.
const MAX_HINT_FILE_BYTES = 16 * 1024 * 1024;

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_PAYLOADS = new Set([4, 9, 10]); // float_data, raw_data, double_data

type Hash = ReturnType<typeof createHash>;

/** Hashes the fields of one message from `start` to `end`; `descend` says which fields to walk into. */
function walk(bytes: Uint8Array, start: number, end: number, h: Hash, field: (n: number) => 'hash' | 'skip' | 'descend', inner: (sub: Uint8Array) => void): void {
  const r = protobuf.Reader.create(bytes.subarray(start, end));
  while (r.pos < r.len) {
    const at = r.pos;
    const tag = r.uint32();
    const n = tag >>> 3;
    const wire = tag & 7;
    const what = field(n);
    if (what === 'descend' && wire === 2) {
      const len = r.uint32();
      const from = r.pos;
      if (from + len > r.len) throw new RangeError('truncated message');
      h.update(bytes.subarray(start + at, start + from)); // the tag (the length may differ with the payloads)
      inner(bytes.subarray(start + from, start + from + len));
      r.pos = from + len;
      continue;
    }
    r.skipType(wire);
    if (what === 'hash') h.update(bytes.subarray(start + at, start + r.pos));
  }
}

function wireHash(bytes: Uint8Array): string {
  const h = createHash('sha256');
  const tensor = (t: Uint8Array) => walk(t, 0, t.length, h, (n) => (TENSOR_PAYLOADS.has(n) ? 'skip' : 'hash'), () => undefined);
  const graph = (g: Uint8Array) => walk(g, 0, g.length, h, (n) => (n === GRAPH_INITIALIZER ? 'descend' : 'hash'), tensor);
  walk(bytes, 0, bytes.length, h, (n) => (n === MODEL_GRAPH ? 'descend' : 'hash'), graph);
  return h.digest('hex');
}

/** The job's architecture hint, or null when the file is missing, too large or not parseable. */
export async function architectureHint(job: BatchJob): Promise<string | null> {
  try {
    if ((await stat(job.model)).size > MAX_HINT_FILE_BYTES) return null;
    const o = job.options ?? {};
    // Options that change the build change the graph too (as in SessionCache's key).
    return `${wireHash(await readFile(job.model))}:${JSON.stringify([o.loss ?? null, o.params ?? null, o.gates ?? null])}`;
  } catch {
    return null;
  }
}
