export async function workerCommand(_f: unknown): Promise<number> { return 1; }
