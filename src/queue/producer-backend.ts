export class QueueBackend { static async connect(..._a: unknown[]): Promise<any> { throw new Error('todo'); } }
