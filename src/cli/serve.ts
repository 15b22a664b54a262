export async function serveCommand(_f: unknown): Promise<number> { return 1; }
