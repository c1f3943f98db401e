import { describe, expect, it } from 'vitest';
import { checkDigestRevocations } from './check-digest-revocations.ts';
import { checkLinkedRevocations } from './check-linked-revocations.ts';
import { checkSequencePrecedence } from './check-sequence-precedence.ts';
import { applyCheck } from './define-check.ts';
import { batchExchange } from './ledger-fixtures.ts';

const REV = 'revocation-requests';
const request = (
  recordId: string,
  serialNumber: string,
  reason: string,
  changeRecordId: string,
  startMs = 0,
) => batchExchange({ startMs, records: [{ recordId, serialNumber, reason, changeRecordId }] }, REV);
const verdicts = (findings: { requirement: string; verdict: string }[]) =>
  Object.fromEntries(findings.map((f) => [f.requirement, f.verdict]));

describe('linked-revocations', () => {
  it('passes one request per caused certificate naming its change, none for the others', () => {
    const entries = [request('r1', 'S1', 'move-out', 'c1'), request('r1', 'S1', 'move-out', 'c1', 100)];
    const input = {
      ledger: 'ca',
      entries,
      caused: [{ serialNumber: 'S1', changeRecordId: 'c1', reason: 'move-out' }],
      untouched: ['S2'],
    };
    expect(Object.values(verdicts(applyCheck(checkLinkedRevocations, input)))).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('fails a second request, a wrong cause and a bystander revoked', () => {
    const entries = [
      request('r1', 'S1', 'move-out', 'c1'),
      request('r2', 'S1', 'death', 'c9', 100),
      request('r3', 'S2', 'move-out', 'c1', 200),
    ];
    const input = {
      ledger: 'ca',
      entries,
      caused: [{ serialNumber: 'S1', changeRecordId: 'c1', reason: 'move-out' }],
      untouched: ['S2'],
    };
    expect(verdicts(applyCheck(checkLinkedRevocations, input))).toEqual({
      'NC-REV-001': 'fail',
      'NC-REV-002': 'fail',
      'NC-REV-003': 'fail',
    });
  });
});

describe('digest-revocations and sequence-precedence', () => {
  it('pass a correction for the mismatched certificate only', () => {
    const entries = [request('r1', 'S1', 'correction', 'n1')];
    const digest = {
      ledger: 'ca',
      entries,
      mismatched: [{ serialNumber: 'S1', noticeRecordId: 'n1' }],
      unchanged: ['S2'],
    };
    expect(Object.values(verdicts(applyCheck(checkDigestRevocations, digest)))).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
    const precedence = {
      ledger: 'ca',
      entries,
      residents: [{ residentCode: 'R', current: 'S2', stale: 'S1' }],
    };
    expect(verdicts(applyCheck(checkSequencePrecedence, precedence))).toEqual({ 'NC-SEQ-004': 'pass' });
  });

  it('fail when the certificate over the current items is the one revoked', () => {
    const entries = [request('r1', 'S2', 'correction', 'n2')];
    const digest = {
      ledger: 'ca',
      entries,
      mismatched: [{ serialNumber: 'S1', noticeRecordId: 'n1' }],
      unchanged: ['S2'],
    };
    expect(verdicts(applyCheck(checkDigestRevocations, digest))).toMatchObject({
      'NC-ISS-003': 'fail',
      'NC-REV-006': 'fail',
    });
    const precedence = {
      ledger: 'ca',
      entries,
      residents: [{ residentCode: 'R', current: 'S2', stale: 'S1' }],
    };
    expect(verdicts(applyCheck(checkSequencePrecedence, precedence))).toEqual({ 'NC-SEQ-004': 'fail' });
  });
});
