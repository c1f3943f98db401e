import { describe, expect, it } from 'vitest';
import { type CardBatchPoll, checkCardBatchPolls } from './check-card-batch-polls.ts';
import { applyCheck } from './define-check.ts';

const poll = (
  seq: number,
  state: string,
  outcomes: string[],
  counts?: Record<string, number>,
): CardBatchPoll => {
  const tally = (o: string) => outcomes.filter((x) => x === o).length;
  return {
    status: 200,
    ref: { ledger: 'suite', seq },
    body: {
      state,
      records: outcomes.map((outcome, i) => ({ recordId: `r${i}`, outcome })),
      counts: counts ?? {
        total: outcomes.length,
        pending: tally('pending'),
        registered: tally('registered'),
        failed: tally('failed'),
      },
    },
  };
};
const verdicts = (polls: CardBatchPoll[], beforeCrash = 1) =>
  Object.fromEntries(
    applyCheck(checkCardBatchPolls, { recordIds: ['r0', 'r1'], polls, beforeCrash }).map((f) => [
      f.requirement,
      f.verdict,
    ]),
  );

describe('card-batch-polls', () => {
  it('passes a batch that moves forward, keeps its registered records and ends consistent', () => {
    const v = verdicts([
      poll(1, 'processing', ['registered', 'pending']),
      poll(2, 'processing', ['registered', 'pending']),
      poll(3, 'partially-completed', ['registered', 'failed']),
      poll(4, 'partially-completed', ['registered', 'failed']),
    ]);
    expect(Object.values(v).every((x) => x === 'pass')).toBe(true);
  });

  it('fails a batch shown completed while a record is pending, and changed after it', () => {
    const v = verdicts([
      poll(1, 'completed', ['registered', 'pending']),
      poll(2, 'completed', ['registered', 'failed']),
    ]);
    expect(v['NC-CARD-004']).toBe('fail');
    expect(v['NC-CARD-002']).toBe('fail');
  });

  it('fails counts that disagree with the outcomes', () => {
    const v = verdicts([
      poll(1, 'processing', ['pending', 'pending'], { total: 2, pending: 0, registered: 2 }),
    ]);
    expect(v['NC-CARD-003']).toBe('fail');
  });

  it('fails a batch lost in the crash', () => {
    const lost: CardBatchPoll = { status: 404, body: null, ref: { ledger: 'suite', seq: 2 } };
    const v = verdicts([poll(1, 'processing', ['registered', 'pending']), lost]);
    expect(v['NC-CARD-005']).toBe('fail');
    expect(v['GEN-ACK-002']).toBe('fail');
  });
});
