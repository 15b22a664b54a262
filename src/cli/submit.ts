export async function submitCommand(_f: unknown): Promise<number> { return 1; }
