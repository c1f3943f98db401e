import { describe, expect, test } from 'vitest';
import { acceptedDigest } from '../reconciliation/accepted-digest.ts';
import {
  checkDeadLetterCount,
  checkReconciliationBalance,
  checkReconciliationCounting,
  checkReconciliationStable,
  countedFromWire,
} from './index.ts';
import { batchExchange, rec } from './ledger-fixtures.ts';

const IFACE = 'certificate-issuances';
const _policy = { initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 2, jitter: 'equal' as const };

describe('reconciliation consistency checks', () => {
  const counts = { total: 4, accepted: 2, duplicate: 1, rejected: 1, pending: 1, deadLettered: 1 };
  const outbound = {
    interface: IFACE,
    direction: 'outbound' as const,
    counts,
    acceptedDigest: 'a'.repeat(64),
  };
  const inbound = {
    interface: 'revocation-requests',
    direction: 'inbound' as const,
    counts: { total: 3, accepted: 2, duplicate: 1, rejected: 1, pending: 0, deadLettered: 0 },
    acceptedDigest: 'b'.repeat(64),
  };

  describe('checkReconciliationBalance', () => {
    test('passes when both directions add up', () => {
      expect(checkReconciliationBalance({ entries: [outbound, inbound] }).map((f) => f.verdict)).toEqual([
        'pass',
        'pass',
      ]);
    });
    test('fails when total counts deliveries, and is inconclusive without a direction', () => {
      const findings = checkReconciliationBalance({
        entries: [
          { ...outbound, counts: { ...counts, total: 5 } },
          { ...inbound, counts: { ...inbound.counts, total: 4 } },
        ],
      });
      expect(findings.map((f) => [f.requirement, f.verdict])).toEqual([
        ['GEN-REC-004', 'fail'],
        ['GEN-REC-005', 'fail'],
      ]);
      expect(checkReconciliationBalance({ entries: [outbound] })[1]?.verdict).toBe('inconclusive');
    });
  });

  describe('checkReconciliationCounting', () => {
    // 15:00Z is midnight in Japan: the first record belongs to the next day.
    const records = [
      { recordId: rec(1).recordId, recordedAt: '2026-03-31T15:00:00.000Z', accepted: true },
      { recordId: rec(2).recordId, recordedAt: '2026-03-31T14:59:59.999Z', accepted: true },
      { recordId: rec(3).recordId, recordedAt: '2026-03-31T16:00:00.000Z', accepted: false },
    ];
    const entry = (total: number, accepted: number, ids: string[]) => ({
      entries: [
        { ...inbound, counts: { ...inbound.counts, total, accepted }, acceptedDigest: acceptedDigest(ids) },
      ],
    });
    test('passes when the Japan-time day is counted and the digest is as specified', () => {
      const finding = checkReconciliationCounting(
        entry(2, 1, [rec(1).recordId]),
        'revocation-requests',
        'inbound',
        '2026-04-01',
        records,
      );
      expect(finding.verdict).toBe('pass');
    });
    test('fails when records are counted on their UTC day', () => {
      const utc = entry(3, 2, [rec(1).recordId, rec(2).recordId]);
      expect(
        checkReconciliationCounting(utc, 'revocation-requests', 'inbound', '2026-03-31', records).message,
      ).toMatch(/total 3, expected 1; accepted 2, expected 1; acceptedDigest/);
    });
    test('countedFromWire marks a record accepted once any delivery was', () => {
      const lost = batchExchange({
        startMs: 0,
        records: [{ ...rec(5), recordedAt: '2026-04-01T00:00:00Z' }],
        status: null,
        outcome: 'network-error',
      });
      const dup = batchExchange({
        startMs: 100,
        records: [{ ...rec(5), recordedAt: '2026-04-01T00:00:00Z' }],
        results: { [rec(5).recordId]: 'duplicate' },
      });
      expect(countedFromWire([lost, dup], IFACE)).toEqual([
        { recordId: rec(5).recordId, recordedAt: '2026-04-01T00:00:00Z', accepted: true },
      ]);
    });
  });

  describe('checkReconciliationStable', () => {
    test('passes on the same entries, fails on any changed count', () => {
      expect(
        checkReconciliationStable({ entries: [outbound, inbound] }, { entries: [outbound, inbound] }).verdict,
      ).toBe('pass');
      const finding = checkReconciliationStable(
        { entries: [outbound, inbound] },
        { entries: [outbound, { ...inbound, counts: { ...inbound.counts, total: 0, accepted: 0 } }] },
      );
      expect(finding.message).toBe('revocation-requests (inbound): total 3 → 0, accepted 2 → 0');
    });
  });

  describe('checkDeadLetterCount', () => {
    const records = [
      { recordId: rec(1).recordId, recordedAt: '2026-04-01T01:00:00Z', accepted: false },
      { recordId: rec(2).recordId, recordedAt: '2026-04-01T01:00:00Z', accepted: true },
    ];
    const letters = [
      { recordId: rec(1).recordId, interface: IFACE, state: 'dead' },
      { recordId: rec(2).recordId, interface: IFACE, state: 'redriven' },
    ];
    const report = (deadLettered: number) => ({
      entries: [{ ...outbound, counts: { ...counts, deadLettered } }],
    });
    test('passes when only dead letters in state dead are counted', () => {
      expect(checkDeadLetterCount(report(1), IFACE, '2026-04-01', letters, records).verdict).toBe('pass');
    });
    test('fails when a re-driven one is still counted', () => {
      expect(checkDeadLetterCount(report(2), IFACE, '2026-04-01', letters, records).verdict).toBe('fail');
    });
  });
});
