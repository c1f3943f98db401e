import { describe, expect, it } from 'vitest';
import { checkNoticeDeadline, type ViewRead } from './check-notice-deadline.ts';
import { checkOwnMunicipalityCode } from './check-own-municipality-code.ts';
import { checkResidentOrder } from './check-resident-order.ts';
import { applyCheck } from './define-check.ts';
import { batchExchange } from './ledger-fixtures.ts';

const attempt = (seq: number, records: { recordId: string; sequence: number }[], accepted: boolean) => ({
  ...batchExchange({ startMs: seq * 10, records: [] }, 'resident-changes'),
  seq,
  requestBody: { batchId: `b${seq}`, records },
  status: accepted ? 200 : 500,
  responseBody: accepted
    ? { batchId: `b${seq}`, results: records.map((r) => ({ recordId: r.recordId, outcome: 'accepted' })) }
    : null,
});
const verdicts = (findings: { requirement: string; verdict: string }[]) =>
  Object.fromEntries(findings.map((f) => [f.requirement, f.verdict]));

describe('resident-order', () => {
  const first = { recordId: 'c1', sequence: 1 };
  const second = { recordId: 'c2', sequence: 2 };
  it('passes a later change sent only after the earlier one was accepted', () => {
    const entries = [attempt(1, [first], false), attempt(2, [first], true), attempt(3, [second], true)];
    expect(
      verdicts(
        applyCheck(checkResidentOrder, { ledger: 'national-center', entries, recordIds: ['c1', 'c2'] }),
      ),
    ).toEqual({
      'MUN-SEQ-003': 'pass',
      'MUN-SEQ-001': 'pass',
    });
  });
  it('follows a change re-sent under another recordId by its sequence', () => {
    const entries = [
      attempt(1, [first], false),
      attempt(2, [{ ...first, recordId: 'c1b' }], true),
      attempt(3, [second], true),
    ];
    expect(
      verdicts(
        applyCheck(checkResidentOrder, { ledger: 'national-center', entries, recordIds: ['c1', 'c2'] }),
      ),
    ).toEqual({
      'MUN-SEQ-003': 'pass',
      'MUN-SEQ-001': 'pass',
    });
  });
  it('fails a later change sent while the earlier one waits for its retry, and falling sequences', () => {
    const entries = [
      attempt(1, [first], false),
      attempt(2, [{ ...second, sequence: 1 }], true),
      attempt(3, [first], true),
    ];
    expect(
      verdicts(
        applyCheck(checkResidentOrder, { ledger: 'national-center', entries, recordIds: ['c1', 'c2'] }),
      ),
    ).toEqual({
      'MUN-SEQ-003': 'fail',
      'MUN-SEQ-001': 'fail',
    });
  });
});

describe('notice-deadline', () => {
  const read = (startedAtMs: number, noticeState: string): ViewRead => ({
    startedAtMs,
    noticeState,
    ref: { ledger: 'suite', seq: startedAtMs },
  });
  const judge = (reads: ViewRead[]) =>
    applyCheck(checkNoticeDeadline, {
      terminalAtMs: 1_000,
      terminalRef: { ledger: 'national-center', seq: 1 },
      boundMs: 3_000,
      graceMs: 1_000,
      reads,
    })[0]?.verdict;
  it('passes a notice shown missing after the deadline, not before', () => {
    expect(judge([read(2_000, 'awaited'), read(3_900, 'awaited'), read(4_100, 'missing')])).toBe('pass');
  });
  it('fails a notice shown missing early, and one never shown missing', () => {
    expect(judge([read(2_000, 'missing')])).toBe('fail');
    expect(judge([read(2_000, 'awaited'), read(5_500, 'awaited')])).toBe('fail');
    expect(judge([read(2_000, 'awaited')])).toBe('inconclusive');
  });
});

describe('own-municipality-code', () => {
  const sent = (code: string, residentCode: string, iface: string) => ({
    ...batchExchange({ startMs: 10, records: [] }, iface),
    requestBody: { batchId: 'b', municipalityCode: code, records: [{ residentCode }] },
  });
  const judge = (entries: ReturnType<typeof sent>[]) =>
    verdicts(
      applyCheck(checkOwnMunicipalityCode, {
        sent: [{ ledger: 'national-center', entries }],
        interfaces: ['resident-changes', 'card-production'],
        code: '131016',
        residentCodes: ['R1'],
      }),
    );
  it('passes batches under the declared code about its own residents', () => {
    expect(
      judge([sent('131016', 'R1', 'resident-changes'), sent('131016', 'R1', 'card-production')]),
    ).toEqual({
      'MUN-CHG-002': 'pass',
    });
  });
  it('fails a batch under another code, one naming a stranger, and nothing sent', () => {
    expect(judge([sent('011002', 'R1', 'card-production')])).toEqual({ 'MUN-CHG-002': 'fail' });
    expect(judge([sent('131016', 'R9', 'resident-changes')])).toEqual({ 'MUN-CHG-002': 'fail' });
    expect(judge([])).toEqual({ 'MUN-CHG-002': 'fail' });
  });
});
