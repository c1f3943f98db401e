import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import { acceptedDigest } from '../../reconciliation/accepted-digest.ts';
import { problem } from '../../spec/problem-types.ts';
import { Outbox } from './outbox.ts';

const INTERFACE = 'certificate-issuances';
const PEER = 'national-center';
// 10:00 in Japan on 2026-11-23.
const RECORDED_AT = '2026-11-23T01:00:00.000Z';
const DAY = '2026-11-23';
const T0 = Date.parse(RECORDED_AT);

describe('Outbox', () => {
  let outbox: Outbox;
  let ids: string[];

  beforeEach(() => {
    outbox = new Outbox(new DatabaseSync(':memory:'));
    ids = [randomUUID(), randomUUID(), randomUUID()];
    outbox.enqueue(
      ids.map((recordId) => ({
        recordId,
        interfaceName: INTERFACE,
        peer: PEER,
        recordedAt: RECORDED_AT,
        payload: { recordId, recordedAt: RECORDED_AT },
      })),
      T0,
    );
  });

  it('hands out due records oldest first, at most the batch size', () => {
    expect(outbox.due(INTERFACE, T0, 2).map((r) => r.recordId)).toEqual(ids.slice(0, 2));
    expect(outbox.due('other-interface', T0, 10)).toEqual([]);
  });

  it('keeps a record that is backing off out of batches without holding back the others', () => {
    const [first, second] = ids as [string, string];
    outbox.markAttempt([first], new Date(T0).toISOString());
    outbox.resolve([
      {
        recordId: first,
        kind: 'retry',
        nextAttemptAt: T0 + 500,
        error: problem('unavailable', { title: 'Unavailable' }),
      },
    ]);
    expect(outbox.due(INTERFACE, T0, 10).map((r) => r.recordId)).toEqual(ids.slice(1));
    expect(outbox.due(INTERFACE, T0 + 500, 10).map((r) => r.recordId)).toEqual(ids);
    expect(outbox.pending(INTERFACE, 10)[0]).toMatchObject({
      recordId: first,
      attempts: 1,
      attemptsInRound: 1,
    });
    outbox.resolve([{ recordId: second, kind: 'answered', outcome: 'accepted' }]);
    expect(outbox.nextDueAt(INTERFACE)).toBe(T0);
  });

  it('dead-letters a rejected record at once, lists it, and re-drives it with the same recordId', () => {
    const [rejected] = ids as [string];
    const at = new Date(T0).toISOString();
    outbox.markAttempt(ids, at);
    const reason = problem('validation', { status: 422, title: 'Bad record' });
    const created = outbox.resolve([
      { recordId: rejected, kind: 'dead', reason: 'rejected', error: reason },
      ...ids
        .slice(1)
        .map((recordId) => ({ recordId, kind: 'answered' as const, outcome: 'accepted' as const })),
    ]);
    expect(created).toHaveLength(1);
    const [letter] = outbox.deadLetters(INTERFACE);
    expect(letter).toMatchObject({
      recordId: rejected,
      attempts: 1,
      firstAttemptAt: at,
      lastAttemptAt: at,
      reason: 'rejected',
      lastError: reason,
      state: 'dead',
    });
    expect(outbox.due(INTERFACE, T0 + 10_000, 10)).toEqual([]);
    expect(outbox.reconcile(INTERFACE, PEER, DAY).counts).toEqual({
      total: 3,
      accepted: 2,
      duplicate: 0,
      rejected: 1,
      pending: 0,
      deadLettered: 1,
    });

    expect(outbox.redrive(letter?.id ?? '', T0 + 1)).toEqual({
      id: letter?.id,
      recordId: rejected,
      state: 'redriven',
    });
    expect(outbox.deadLetters()[0]?.state).toBe('redriven');
    expect(outbox.due(INTERFACE, T0 + 1, 10)).toMatchObject([
      { recordId: rejected, attempts: 1, attemptsInRound: 0, payload: { recordId: rejected } },
    ]);
    // Repeating a re-drive changes nothing.
    expect(outbox.redrive(letter?.id ?? '', T0 + 2)?.state).toBe('redriven');
    expect(outbox.redrive('no-such-id', T0)).toBeUndefined();
    expect(outbox.reconcile(INTERFACE, PEER, DAY).counts).toMatchObject({
      pending: 1,
      deadLettered: 0,
      rejected: 0,
    });
  });

  it('never lets a late answer change a terminal record', () => {
    const [id] = ids as [string];
    outbox.resolve([{ recordId: id, kind: 'answered', outcome: 'duplicate' }]);
    const late = outbox.resolve([
      {
        recordId: id,
        kind: 'dead',
        reason: 'retries-exhausted',
        error: problem('timeout', { title: 'Timeout' }),
      },
      { recordId: id, kind: 'retry', nextAttemptAt: T0, error: problem('timeout', { title: 'Timeout' }) },
      { recordId: id, kind: 'drop' },
    ]);
    expect(late).toEqual([]);
    const entry = outbox.reconcile(INTERFACE, PEER, DAY);
    expect(entry.counts).toEqual({
      total: 3,
      accepted: 1,
      duplicate: 1,
      rejected: 0,
      pending: 2,
      deadLettered: 0,
    });
    expect(entry.acceptedDigest).toBe(acceptedDigest([id]));
  });

  it('counts records by the Japan-time day of recordedAt', () => {
    expect(outbox.reconcile(INTERFACE, PEER, '2026-11-22').counts.total).toBe(0);
    expect(outbox.reconcile(INTERFACE, 'municipality', DAY).counts.total).toBe(0);
  });

  it('renames a pending record in its row and its payload', () => {
    const [record] = outbox.due(INTERFACE, T0, 1);
    const renamed = outbox.renameRecord(record ?? (undefined as never), 'fresh-id');
    expect(renamed.payload.recordId).toBe('fresh-id');
    expect(outbox.due(INTERFACE, T0, 1)[0]?.recordId).toBe('fresh-id');
  });
});
