// The Redis connection of the BullMQ queue, from a redis://HOST:PORT[/DB] URL. maxRetriesPerRequest null is what
// BullMQ requires of worker connections (blocking commands must wait through reconnects, e.g. a Redis restart).
import { SaneError } from '../errors.js';

export interface RedisConnection {
  host: string;
  port: number;
  db: number;
  password?: string;
  username?: string;
  maxRetriesPerRequest: null;
}

export function redisConnection(url: string): RedisConnection {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SaneError('BAD_OPTION', `queue URL "${url}" is not a URL; expected redis://HOST:PORT`);
  }
  if (u.protocol !== 'redis:') throw new SaneError('BAD_OPTION', `queue URL "${url}" must start with redis://`);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new SaneError('BAD_OPTION', `queue URL "${url}": the database must be a number`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    maxRetriesPerRequest: null,
  };
}

export const DEFAULT_QUEUE_NAME = 'sane';

/** BullMQ job ids may not contain ':' and may not be plain integers; ours may be any string. */
export function bullJobId(id: string): string {
  return `id-${encodeURIComponent(id)}`;
}

/** Redis pub/sub channel on which the service asks workers to cancel a running job (message: BullMQ job id). */
export function cancelChannel(queueName: string): string {
  return `sane:${queueName}:cancel`;
}
