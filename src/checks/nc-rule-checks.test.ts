import { describe, expect, it } from 'vitest';
import { acceptedDigest } from '../reconciliation/accepted-digest.ts';
import { reconciliationEntry } from '../reconciliation/reconciliation-entry.ts';
import { checkCardReconciliation } from './check-card-reconciliation.ts';
import { checkChangeRefusals, expectedAnswersCheck } from './check-expected-answers.ts';
import { checkFinalNotices } from './check-final-notices.ts';
import {
  checkCardRevokeRevocations,
  checkLinkedOrNot,
  checkNameReadBack,
} from './check-revocation-presence.ts';
import { applyCheck } from './define-check.ts';
import { batchExchange } from './ledger-fixtures.ts';

const verdicts = (findings: { requirement: string; verdict: string }[]) => findings.map((f) => f.verdict);
const T0 = 1_800_000_000_000; // the wall clock of ledger-fixtures' startMs 0

describe('expected-answers', () => {
  const ref = { ledger: 'suite', seq: 1 };
  it('passes the expected answer and fails another, citing the answer', () => {
    const findings = applyCheck(checkChangeRefusals, [
      {
        requirement: 'NC-CHG-001',
        what: 'unknown',
        expected: 'rejected:unknown-resident',
        answered: 'rejected:unknown-resident',
        ref,
      },
      {
        requirement: 'NC-CHG-003',
        what: 'birth twice',
        expected: 'rejected:conflict',
        answered: 'accepted',
        ref,
      },
    ]);
    expect(verdicts(findings)).toEqual(['pass', 'fail']);
    expect(findings[1]?.message).toContain('answered accepted (expected rejected:conflict)');
    expect(findings[1]?.evidence).toEqual([ref]);
    expect(findings[1]?.check).toBe('change-refusals');
  });
  it('declares exactly the requirements it is given', () => {
    expect(expectedAnswersCheck('x', ['NC-CARD-006']).requirements).toEqual(['NC-CARD-006']);
  });
});

describe('revocation-presence', () => {
  const revocation = (serialNumber: string, startMs: number) =>
    batchExchange(
      { startMs, records: [{ recordId: `r-${serialNumber}-${startMs}`, serialNumber }] },
      'revocation-requests',
    );
  const within = { sinceEpochMs: T0, boundMs: 1_000 };
  it('passes a revocation in time for a linked certificate and none after a refused change', () => {
    const input = {
      ledger: 'ca',
      entries: [revocation('S1', 200)],
      expectations: [
        { requirement: 'NC-ISS-002', what: 'linked', serialNumber: 'S1', revoked: true, within },
        { requirement: 'NC-REV-004', what: 'refused', serialNumber: 'S2', revoked: false },
      ],
    };
    expect(verdicts(applyCheck(checkLinkedOrNot, input))).toEqual(['pass', 'pass']);
  });
  it('fails a missing revocation, a late one and one caused by a refused change', () => {
    const input = {
      ledger: 'ca',
      entries: [revocation('S2', 100), revocation('S3', 5_000)],
      expectations: [
        { requirement: 'NC-ISS-002', what: 'linked', serialNumber: 'S1', revoked: true },
        { requirement: 'NC-REV-004', what: 'refused', serialNumber: 'S2', revoked: false },
      ],
    };
    expect(verdicts(applyCheck(checkLinkedOrNot, input))).toEqual(['fail', 'fail']);
    const late = applyCheck(checkCardRevokeRevocations, {
      ledger: 'ca',
      entries: [revocation('S3', 5_000)],
      expectations: [
        { requirement: 'NC-CMG-003', what: 'card revoked', serialNumber: 'S3', revoked: true, within },
      ],
    });
    expect(verdicts(late)).toEqual(['fail']);
    expect(late[0]?.message).toContain('after the bound');
  });
  const nameRead = (entries: ReturnType<typeof revocation>[]) =>
    applyCheck(checkNameReadBack, {
      ledger: 'ca',
      entries,
      expectations: [
        { requirement: 'GEN-VAL-007', what: 'over the name as sent', serialNumber: 'S1', revoked: false },
        {
          requirement: 'NC-ISS-003',
          what: 'over the name with 〓',
          serialNumber: 'S2',
          revoked: true,
          within,
        },
      ],
    });
  it('reads a name outside the BMP back intact: only the certificate over the name with 〓 is revoked', () => {
    expect(verdicts(nameRead([revocation('S2', 300)]))).toEqual(['pass', 'pass']);
  });
  it('fails a center that kept 〓: the certificate over the name as sent is revoked, the other kept', () => {
    const findings = nameRead([revocation('S1', 300)]);
    expect(findings.map((f) => [f.requirement, f.verdict])).toEqual([
      ['GEN-VAL-007', 'fail'],
      ['NC-ISS-003', 'fail'],
    ]);
    expect(findings[0]?.check).toBe('revocation-presence');
  });
});

describe('card-reconciliation', () => {
  const counts = (accepted: number, rejected: number) => ({
    total: accepted + rejected,
    accepted,
    duplicate: 0,
    rejected,
    pending: 0,
    deadLettered: 0,
  });
  const refs = [{ ledger: 'suite', seq: 1 }];
  it('passes when every record of a 202 batch is counted accepted', () => {
    const entry = reconciliationEntry('card-production', 'inbound', counts(2, 0), ['a', 'b']);
    expect(applyCheck(checkCardReconciliation, { recordIds: ['a', 'b'], entry, refs })[0]?.verdict).toBe(
      'pass',
    );
  });
  it('fails when a failed record is counted rejected, or no entry is reported', () => {
    const entry = { ...reconciliationEntry('card-production', 'inbound', counts(1, 1), ['a']) };
    expect(entry.acceptedDigest).toBe(acceptedDigest(['a']));
    expect(applyCheck(checkCardReconciliation, { recordIds: ['a', 'b'], entry, refs })[0]?.verdict).toBe(
      'fail',
    );
    expect(
      applyCheck(checkCardReconciliation, { recordIds: ['a'], entry: undefined, refs })[0]?.verdict,
    ).toBe('fail');
  });
});

describe('final-notices', () => {
  const outcomes = [
    { recordId: 'r1', outcome: 'registered' },
    { recordId: 'r2', outcome: 'failed' },
  ];
  const notice = (startMs: number, final: boolean, records: typeof outcomes) => ({
    ...batchExchange({ startMs, records: [] }, 'registration-notices'),
    requestBody: { noticeId: `n-${startMs}`, batchId: 'B', final, records },
  });
  const judge = (entries: ReturnType<typeof notice>[]) =>
    applyCheck(checkFinalNotices, {
      ledger: 'municipality',
      entries,
      batchId: 'B',
      outcomes,
      terminalAtMs: T0,
      boundMs: 1_000,
    })[0];
  it('passes notices that together give every outcome, the last final, in time (re-sends allowed)', () => {
    expect(
      judge([notice(100, false, outcomes.slice(0, 1)), notice(200, true, outcomes.slice(1))])?.verdict,
    ).toBe('pass');
    expect(judge([notice(100, true, outcomes), notice(300, true, outcomes)])?.verdict).toBe('pass');
  });
  it('fails an outcome left out, no final notice, a notice after the final one, a late final notice', () => {
    expect(judge([notice(100, true, outcomes.slice(0, 1))])?.message).toContain('r2');
    expect(judge([notice(100, false, outcomes)])?.message).toContain('no notice is marked final');
    expect(judge([notice(100, true, outcomes), notice(200, false, outcomes)])?.verdict).toBe('fail');
    expect(judge([notice(5_000, true, outcomes)])?.message).toContain('after the bound');
  });
});
