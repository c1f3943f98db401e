import { describe, expect, test } from 'vitest';
import type { ExchangeEntry, FaultEntry, LedgerEntry } from '../evidence/ledger-entry.ts';
import { batchExchange, rec } from './ledger-fixtures.ts';
import { attributeSoakFailures } from './relay-soak-failures.ts';

// A device or center exchange of one soak message, matched to it by its correlation id.
const call = (correlationId: string, to: string, over: Partial<ExchangeEntry> = {}): ExchangeEntry => ({
  ...batchExchange(
    { startMs: 0, records: [rec(1)] },
    to === 'crypto-device' ? 'crypto-device' : 'relay-forwarding',
  ),
  to,
  correlationId,
  ...over,
});
const fault = (exchange: ExchangeEntry, ruleId: string): FaultEntry => ({
  kind: 'fault',
  seq: exchange.seq + 1000,
  at: exchange.at,
  startMs: exchange.startMs,
  ruleId,
  interface: exchange.interface,
  action: 'reset',
  exchangeSeq: exchange.seq,
  detail: {},
});

const BOUNDS = { requestTimeoutMs: 2000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 };
const closed = (exchange: ExchangeEntry, closedMs: number, reset: boolean): LedgerEntry => ({
  kind: 'observation',
  seq: exchange.seq + 2000,
  at: exchange.at,
  startMs: closedMs,
  source: exchange.to,
  what: 'connection-closed',
  data: { exchangeSeq: exchange.seq, closedMs, reset },
});

describe('attributeSoakFailures', () => {
  test('a failure is explained by a fault injected into its own message only', () => {
    const reset = call('m1', 'national-center', { outcome: 'network-error', status: null });
    const center: LedgerEntry[] = [reset, fault(reset, 'center-resets'), call('m2', 'national-center')];
    const found = attributeSoakFailures(
      [
        { correlationId: 'm1', status: 502, problem: 'urn:tekigo:problem:unavailable', elapsedMs: 30 },
        { correlationId: 'm2', status: 502, problem: 'urn:tekigo:problem:unavailable', elapsedMs: 30 },
      ],
      [center, []],
      BOUNDS,
    );
    expect(found).toMatchObject({ injected: 1, faulted: 1, peerLate: 0 });
    expect(found.unexplained.map((u) => u.correlationId)).toEqual(['m2']);
    expect(found.unexplained[0]?.why).toContain('were all answered');
  });

  test('a 504 after the relay waited its timeout for a late mock is a correct answer, an earlier give-up is not', () => {
    const late = call('m3', 'crypto-device', { outcome: 'aborted', status: null, durationMs: 2004 });
    const early = call('m4', 'crypto-device', { outcome: 'aborted', status: null, durationMs: 600 });
    const found = attributeSoakFailures(
      [
        { correlationId: 'm3', status: 504, problem: 'urn:tekigo:problem:timeout', elapsedMs: 2100 },
        { correlationId: 'm4', status: 504, problem: 'urn:tekigo:problem:timeout', elapsedMs: 2100 },
        { correlationId: 'm5', status: null, problem: 'TypeError: fetch failed', elapsedMs: 10 },
      ],
      [[], [late, early]],
      BOUNDS,
    );
    expect(found).toMatchObject({ injected: 0, faulted: 0, peerLate: 1 });
    expect(found.unexplained.map((u) => [u.correlationId, u.why])).toEqual([
      ['m4', 'the relay abandoned a crypto-device call after 600 ms (requestTimeoutMs 2000)'],
      ['m5', 'no exchange of this message reached the device or the center'],
    ]);
  });

  test('a 504 for an answer the relay reset unread is its timer running out on a starved machine', () => {
    const answered = call('m6', 'national-center', { startMs: 0, durationMs: 300 });
    const readLate = call('m7', 'national-center', { startMs: 0, durationMs: 300 });
    const found = attributeSoakFailures(
      [
        { correlationId: 'm6', status: 504, problem: 'urn:tekigo:problem:timeout', elapsedMs: 2100 },
        { correlationId: 'm7', status: 504, problem: 'urn:tekigo:problem:timeout', elapsedMs: 2100 },
      ],
      [[answered, closed(answered, 2010, true), readLate, closed(readLate, 320, false)], []],
      BOUNDS,
    );
    expect(found).toMatchObject({ relayStarved: 1 });
    expect(found.unexplained.map((u) => u.correlationId)).toEqual(['m7']);
  });

  test("a 408 is tekigo's terminal too late only when it came after the relay's client timeout", () => {
    const found = attributeSoakFailures(
      [
        { correlationId: 'm8', status: 408, problem: null, elapsedMs: 1040 },
        { correlationId: 'm9', status: 408, problem: null, elapsedMs: 90 },
      ],
      [[], []],
      BOUNDS,
    );
    expect(found).toMatchObject({ terminalLate: 1 });
    expect(found.unexplained.map((u) => [u.correlationId, u.why])).toEqual([
      ['m9', "answered 408 90 ms after the terminal began, before the relay's client timeout (1000 ms)"],
    ]);
  });
});
