// What a BullMQ job carries (the BatchJob, with absolute paths and SHA-256s) and how a failed job's error result
// travels: as the JSON of the BatchError in the failure message, so `submit --wait` prints the reason code.
import type { BatchError, BatchJob } from '../batch/job.js';

export interface QueuePayload {
  job: BatchJob;
}

export function encodeFailure(e: BatchError): string {
  return JSON.stringify(e);
}

export function decodeFailure(id: string, message: string | undefined): BatchError {
  try {
    const e = JSON.parse(message ?? '') as BatchError;
    if (e && e.status === 'error') return { ...e, id };
  } catch {
    /* not ours: an error of BullMQ or of a dead worker */
  }
  return { id, status: 'error', reason: 'INTERNAL', code: 'internal', message: message ?? 'the job failed' };
}
