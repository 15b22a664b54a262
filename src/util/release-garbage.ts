// Prompt release of large garbage at the points where the estimators know that P-sized arrays have just become
// unreachable (a Lanczos cycle's Ritz vectors after its restart, the operator's work buffers at the end of a run).
//
// Why: V8 frees an ArrayBuffer's memory only when its collector runs, and it schedules that by the JavaScript heap,
// which here is ~10 MB, not by the hundreds of MB of backing stores hanging off it. Measured on ResNet-18
// (P = 11.2M, issue 9): at the end of the second locking cycle the previous cycle's six float32 Ritz vectors
// (270 MB), the released HVP buffers (178 MB) and onnxruntime's output tensors of the last products (~200 MB) were
// all still resident, which put the peak at 2.2 GB where about 1.5 GB was live. A full collection costs ~10 ms with
// this heap, against seconds per product at that size; below COLLECT_MIN_BYTES nothing is done (small models, whose
// products take milliseconds, keep V8's own schedule).
//
// In Node the collector is reached through `--expose-gc` set at run time (v8.setFlagsFromString) and a fresh context
// (vm.runInNewContext('gc')), the documented way to get it without a command-line flag; in a browser or worker
// without `process` there is no such hook and collectGarbage() does nothing (the tab's memory is the browser's).

/** Bytes of garbage below which no collection is forced: 64 MiB (the two float32 gradients of a central product at
 *  P = 8.4M, six float32 Ritz vectors at P = 2.8M), so that runs over up to a few million parameters, whose products
 *  are fast, never pay for a collection, and V8's own schedule copes with what they drop. */
export const COLLECT_MIN_BYTES = 64 * 2 ** 20;

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;
let gcFn: Gc | null | undefined;
/** Collections forced so far (for tests). */
export let forcedCollections = 0;

function resolveGc(): Gc | null {
  const g = (globalThis as { gc?: unknown }).gc;
  if (typeof g === 'function') return g as Gc;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return null;
  try {
    const v8 = proc.getBuiltinModule('v8') as { setFlagsFromString(flags: string): void } | undefined;
    const vm = proc.getBuiltinModule('vm') as { runInNewContext(code: string): unknown } | undefined;
    if (!v8 || !vm) return null;
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc');
    return typeof fn === 'function' ? (fn as Gc) : null;
  } catch {
    return null;
  }
}

/** Whether a forced collection is available here (Node: yes; browsers: no). */
export function canCollectGarbage(): boolean {
  if (gcFn === undefined) gcFn = resolveGc();
  return gcFn !== null;
}

/** One turn of the event loop (a macrotask, not a microtask). */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * A full collection when `bytes` (what the caller has just dropped) reaches `minBytes`, with a turn of the
 * event loop before and after it. Before: objects that the current job has touched through a WeakRef are kept
 * alive until the job ends (the WeakRef semantics), and a caller deep in a chain of promises may still be in the
 * job that dropped them. After: memory owned by native code (the native core's float32 Ritz vectors, handed over as
 * external ArrayBuffers) is freed by N-API finalizers, which Node runs after the collection, not inside it. Returns
 * whether a collection ran.
 */
export async function releaseGarbage(bytes: number, minBytes = COLLECT_MIN_BYTES): Promise<boolean> {
  if (!(bytes >= minBytes) || !canCollectGarbage()) return false;
  await nextTurn();
  gcFn!();
  forcedCollections++;
  await nextTurn();
  return true;
}
