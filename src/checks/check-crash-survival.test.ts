import { describe, expect, it } from 'vitest';
import {
  checkAcknowledgementsKept,
  checkDeadLettersKept,
  checkInFlightRedelivered,
} from './check-crash-survival.ts';
import { applyCheck } from './define-check.ts';
import { batchExchange } from './ledger-fixtures.ts';

const verdicts = (findings: { requirement: string; verdict: string }[]) =>
  findings.map((f) => `${f.requirement} ${f.verdict}`);

describe('in-flight-redelivered', () => {
  const sent = [{ key: 'S1', recordId: 'r1' }];
  const input = (recordId: string) => ({
    ledger: 'national-center',
    entries: [batchExchange({ startMs: 0, records: [{ recordId, serialNumber: 'S1' }] })],
    iface: 'certificate-issuances',
    naturalKey: 'serialNumber',
    sent,
  });

  it('passes a record delivered after the restart under its recordId', () => {
    expect(verdicts(applyCheck(checkInFlightRedelivered, input('r1')))).toEqual(['GEN-SEND-013 pass']);
  });

  it('fails a record delivered under a new recordId, or never', () => {
    expect(verdicts(applyCheck(checkInFlightRedelivered, input('r9')))).toEqual(['GEN-SEND-013 fail']);
    const none = { ...input('r1'), entries: [] };
    const [finding] = applyCheck(checkInFlightRedelivered, none);
    expect(finding?.message).toMatch(/never delivered/);
  });
});

describe('dead-letters-kept', () => {
  const letter = { id: 'd1', recordId: 'r1', reason: 'rejected' };
  const answers = [{ ledger: 'suite', seq: 1 }];

  it('passes the same list before and after the restart', () => {
    const [finding] = applyCheck(checkDeadLettersKept, { before: [letter], after: [letter], answers });
    expect(finding?.verdict).toBe('pass');
    expect(finding?.evidence).toEqual(answers);
  });

  it('fails a list that changed, and one with nothing to compare', () => {
    expect(applyCheck(checkDeadLettersKept, { before: [letter], after: [], answers })[0]?.verdict).toBe(
      'fail',
    );
    expect(applyCheck(checkDeadLettersKept, { before: [], after: [], answers })[0]?.verdict).toBe('fail');
  });
});

describe('acknowledgements-kept', () => {
  const evidence = [{ ledger: 'suite', seq: 1 }];
  const reconciliation = { ledger: 'suite', seq: 2 };
  const record = (answered: string, resent: string, effect: boolean) => ({
    recordId: 'r1',
    answered,
    resent,
    effect,
    seen: effect ? 'revoked' : 'good',
    evidence,
  });

  it('passes an accepted record that kept its effect, is counted and answers duplicate', () => {
    const findings = applyCheck(checkAcknowledgementsKept, {
      records: [record('accepted', 'duplicate', true), record('rejected', 'rejected', false)],
      counted: true,
      reconciliation,
    });
    expect(verdicts(findings)).toEqual([
      'GEN-ACK-001 pass',
      'GEN-IDEM-004 pass',
      'GEN-ACK-002 pass',
      'GEN-ACK-002 pass',
    ]);
  });

  it('fails an accepted record lost in the crash', () => {
    const findings = applyCheck(checkAcknowledgementsKept, {
      records: [record('accepted', 'accepted', false)],
      counted: false,
      reconciliation,
    });
    expect(verdicts(findings)).toEqual(['GEN-ACK-001 fail', 'GEN-IDEM-004 fail', 'GEN-ACK-002 fail']);
  });
});
