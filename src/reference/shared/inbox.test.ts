import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { acceptedDigest } from '../../reconciliation/accepted-digest.ts';
import { problem } from '../../spec/problem-types.ts';
import { Inbox } from './inbox.ts';

const recordedAt = '2026-11-23T01:00:00.000Z';

describe('Inbox', () => {
  it('accepts once, answers duplicate for the same content, rejects other content as a conflict, and counts it all', () => {
    const inbox = new Inbox(new DatabaseSync(':memory:'));
    const effects: string[] = [];
    const effect = (record: { recordId: string; value: string }) => {
      if (record.value === 'bad') return problem('unknown-certificate', { title: 'Unknown' });
      effects.push(record.recordId);
      return undefined;
    };
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const first = inbox.receive(
      'revocation-requests',
      'national-center',
      [
        { recordId: a, recordedAt, value: 'x' },
        { recordId: b, recordedAt, value: 'bad' },
        { recordId: a, recordedAt, value: 'x' },
      ],
      effect,
    );
    expect(first.map((r) => r.outcome)).toEqual(['accepted', 'rejected', 'duplicate']);
    expect(first[1]?.problem?.type).toBe('urn:tekigo:problem:unknown-certificate');

    const second = inbox.receive(
      'revocation-requests',
      'national-center',
      [
        { recordId: a, recordedAt, value: 'other' },
        { recordId: b, recordedAt, value: 'fixed' },
        { recordId: c, recordedAt, value: 'y' },
      ],
      effect,
    );
    expect(second.map((r) => r.outcome)).toEqual(['rejected', 'accepted', 'accepted']);
    expect(second[0]?.problem?.type).toBe('urn:tekigo:problem:conflict');
    expect(effects).toEqual([a, b, c]);

    const entry = inbox.reconcile('revocation-requests', 'national-center', '2026-11-23');
    expect(entry).toEqual({
      interface: 'revocation-requests',
      direction: 'inbound',
      counts: { total: 3, accepted: 3, duplicate: 1, rejected: 0, pending: 0, deadLettered: 0 },
      acceptedDigest: acceptedDigest([a, b, c] as string[]),
    });
  });

  it('rolls the whole batch back when an effect throws', () => {
    const inbox = new Inbox(new DatabaseSync(':memory:'));
    const id = randomUUID();
    expect(() =>
      inbox.receive(
        'revocation-requests',
        'national-center',
        [
          { recordId: id, recordedAt },
          { recordId: randomUUID(), recordedAt },
        ],
        (record) => {
          if (record.recordId !== id) throw new Error('storage failed');
          return undefined;
        },
      ),
    ).toThrow('storage failed');
    expect(inbox.reconcile('revocation-requests', 'national-center', '2026-11-23').counts.total).toBe(0);
  });
});
