import { describe, expect, test } from 'vitest';
import type { PrintJobRequest } from '../../spec/message-types.generated.ts';
import { PrintJobStore } from './print-job-store.ts';

const job = (jobId: string, requestId = `r-${jobId}`, copies = 1): PrintJobRequest => ({
  jobId,
  requestId,
  submittedAt: '2026-01-05T01:00:00Z',
  copies,
  image: {
    mediaType: 'application/vnd.tekigo.print-image+json',
    data: 'e30=',
    embedded: { requestId, subjectResidentCodes: ['90000000017'], documentDigest: '0'.repeat(64) },
  },
});

describe('PrintJobStore', () => {
  test('holds every job queued until it is released, in the order given', () => {
    const store = new PrintJobStore();
    store.submit(job('a'));
    store.submit(job('b'));
    expect(store.read('a')?.state).toBe('queued');
    expect(store.release(['b', 'a', 'zz'])).toEqual({
      released: [
        { jobId: 'b', requestId: 'r-b', state: 'printed' },
        { jobId: 'a', requestId: 'r-a', state: 'printed' },
      ],
      unknown: ['zz'],
    });
    expect(store.read('a')).toMatchObject({ state: 'printed', pages: 1 });
  });

  test('never changes a terminal state, and a failed job carries a problem', () => {
    const store = new PrintJobStore();
    store.submit(job('a'));
    store.release(['a'], 'failed');
    expect(store.release(['a'], 'printed').released).toEqual([]);
    expect(store.read('a')).toMatchObject({ state: 'failed', problem: { status: 503 } });
  });

  test('treats a same-content re-submit as the same job and other content as a conflict', () => {
    const store = new PrintJobStore();
    store.submit(job('a'));
    expect(store.submit(job('a'))).toMatchObject({ jobId: 'a', state: 'queued' });
    expect(store.submit(job('a', 'r-a', 2))).toBe('conflict');
    expect(store.snapshot().jobs).toMatchObject([{ jobId: 'a', submissions: 2 }]);
  });

  test('releases by request id, and prints at once in auto mode', () => {
    const store = new PrintJobStore();
    store.submit(job('a', 'req-1'));
    expect(store.jobIdsFor(['req-1', 'req-2'])).toEqual(['a']);
    store.setAutoRelease(true);
    expect(store.read('a')?.state).toBe('printed');
    store.submit(job('b'));
    expect(store.read('b')?.state).toBe('printed');
    store.reset();
    expect(store.snapshot()).toEqual({ autoRelease: false, jobs: [] });
  });
});
