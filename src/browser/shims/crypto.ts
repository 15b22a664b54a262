// node:crypto in the browser bundle. Only the scoring cache hashes (src/api/scoring-cache.ts: one graph and its
// sessions shared by checkpoints of one architecture), and the worker scores without a cache.
export function createHash(algorithm: string): never {
  throw new Error(`createHash('${algorithm}') is not available in the browser (the scoring cache is Node-only)`);
}

export default { createHash };
