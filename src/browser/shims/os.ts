// node:os in the browser bundle. The scorer asks for a thread count only when none is given and for free memory only
// when no gateMemoryBudget is given; the worker (src/browser/worker.ts) always gives both, so these are fallbacks.
const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;

export function availableParallelism(): number {
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

export function cpus(): unknown[] {
  return Array.from({ length: availableParallelism() }, () => ({}));
}

export function freemem(): number {
  throw new Error('free memory is unknown in the browser: pass gateMemoryBudget');
}

export function totalmem(): number {
  return freemem();
}

export default { availableParallelism, cpus, freemem, totalmem };
