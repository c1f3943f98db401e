import { describe, expect, test } from 'vitest';
import { renderDocument } from '../reference/issuance-service/document.ts';
import type { ResidentSnapshot } from '../reference/issuance-service/resident-store.ts';
import { problem } from '../spec/problem-types.ts';
import { documentVersions } from './check-document-versions.ts';
import { documentsOwn, type IssuedAnswer } from './check-documents-own.ts';
import { latePrintDiscarded } from './check-late-print-discarded.ts';
import { overloadRefused } from './check-overload-refused.ts';
import { printFailClosed } from './check-print-fail-closed.ts';
import { syncLeavesPrints } from './check-sync-leaves-prints.ts';
import { applyCheck, type CheckDefinition } from './define-check.ts';

// Hand-made evidence for the issuance-service checks: a passing and a failing case each.
const items = (address: string) => ({
  name: { kanji: '試験 太郎', kana: 'シケン タロウ' },
  address,
  dateOfBirth: '1980-01-01',
  sex: 'male' as const,
});
const snapshot = (residentCode: string, address = '東京都千代田区試験町1番1号'): ResidentSnapshot => ({
  residentCode,
  municipalityCode: '131016',
  version: 1,
  recordId: `00000000-0000-4000-8000-${residentCode.slice(-12).padStart(12, '0')}`,
  items: items(address),
  householdId: null,
  status: 'resident',
});
let seq = 0;
const request = (requestId: string, residentCode: string) => ({
  requestId,
  kioskId: 'CVS-0001-TEST',
  requestedAt: '2026-01-05T01:00:00Z',
  holder: { residentCode, municipalityCode: '131016' },
  documentType: 'residence-record' as const,
  copies: 1,
});
/** A 200 answer to `requestId` for `residentCode` carrying `document` (its own unless given). */
function issued(requestId: string, residentCode: string, document?: unknown, address?: string): IssuedAnswer {
  const own = renderDocument(request(requestId, residentCode), [snapshot(residentCode, address)]).response;
  return {
    request: request(requestId, residentCode),
    status: 200,
    headers: {},
    body: document ?? own,
    evidence: [{ ledger: 'kiosk-gateway', seq: ++seq }],
  };
}
function refused(
  requestId: string,
  residentCode: string,
  name: 'timeout' | 'overloaded',
  status: number,
): IssuedAnswer {
  return {
    request: request(requestId, residentCode),
    status,
    headers: name === 'overloaded' ? { 'retry-after': '1' } : {},
    body: problem(name, { status }),
    evidence: [{ ledger: 'kiosk-gateway', seq: ++seq }],
  };
}
const verdicts = <I>(check: CheckDefinition<I>, input: I) =>
  Object.fromEntries(applyCheck(check, input).map((f) => [f.requirement, f.verdict]));

const A = '90000000017';
const B = '90000000025';
const own = issued('req-a', A);
const other = issued('req-b', B);

describe('documentsOwn', () => {
  test('passes documents and problems that each belong to their request', () => {
    expect(verdicts(documentsOwn, [own, other, refused('req-c', A, 'timeout', 504)])).toEqual({
      'ISS-REQ-001': 'pass',
      'ISS-REQ-002': 'pass',
      'ISS-REQ-003': 'pass',
      'GEN-TMO-005': 'pass',
    });
  });

  test("fails another request's document, and an own document with another request's image", () => {
    const swapped = issued('req-a', A, other.body);
    expect(verdicts(documentsOwn, [swapped])['ISS-REQ-001']).toBe('fail');
    const image = (other.body as { printImage: unknown }).printImage;
    const overwritten = issued('req-a', A, { ...(own.body as object), printImage: image });
    expect(verdicts(documentsOwn, [overwritten])).toMatchObject({
      'ISS-REQ-001': 'pass',
      'ISS-REQ-002': 'fail',
      'ISS-REQ-003': 'fail',
    });
  });

  test('is inconclusive on ownership when no request got a document', () => {
    expect(verdicts(documentsOwn, [refused('req-c', A, 'timeout', 504)])['ISS-REQ-001']).toBe('inconclusive');
  });
});

describe('printFailClosed', () => {
  test('passes a held print answered 504 timeout', () => {
    expect(
      verdicts(printFailClosed, {
        heldPastBound: [refused('req-a', A, 'timeout', 504)],
        answeredUnprinted: [],
      }),
    ).toEqual({
      'ISS-REQ-004': 'pass',
      'ISS-REQ-005': 'pass',
    });
  });

  test('fails a held print answered with a document', () => {
    expect(verdicts(printFailClosed, { heldPastBound: [own], answeredUnprinted: [] })).toEqual({
      'ISS-REQ-004': 'fail',
      'ISS-REQ-005': 'fail',
    });
  });
});

describe('overloadRefused', () => {
  test('passes when at least the excess is refused overloaded with Retry-After', () => {
    const answers = [own, other, refused('req-c', A, 'overloaded', 503)];
    expect(verdicts(overloadRefused, { answers, maxConcurrent: 2, unansweredAtOnce: 2 })).toEqual({
      'GEN-TMO-006': 'pass',
    });
  });

  test('fails when more requests than the maximum were in progress at once and none was refused', () => {
    expect(
      verdicts(overloadRefused, { answers: [own, other], maxConcurrent: 1, unansweredAtOnce: 2 }),
    ).toEqual({
      'GEN-TMO-006': 'fail',
    });
  });

  test('is inconclusive when the requests never exceeded the maximum at once', () => {
    const findings = applyCheck(overloadRefused, {
      answers: [own, other],
      maxConcurrent: 1,
      unansweredAtOnce: 1,
    });
    expect(findings.map((f) => f.verdict)).toEqual(['inconclusive']);
  });
});

describe('documentVersions', () => {
  const v1 = items('東京都千代田区試験町1番1号');
  const v2 = items('大阪府大阪市北区試験町7番1号');
  const versions = { [A]: { 1: v1, 2: v2 } };

  test('passes a document of one version, the acknowledged one or later', () => {
    const answer = { ...issued('req-a', A, undefined, v2.address), atLeast: { [A]: 2 } };
    expect(verdicts(documentVersions, { versions, answers: [answer] })).toEqual({
      'ISS-SYNC-001': 'pass',
      'ISS-SYNC-002': 'pass',
    });
  });

  test('fails a torn document and a stale one after the acknowledgement', () => {
    const torn = issued('req-a', A, undefined, '混在住所');
    const stale = { ...issued('req-b', A), atLeast: { [A]: 2 } };
    expect(verdicts(documentVersions, { versions, answers: [torn, stale] })).toEqual({
      'ISS-SYNC-001': 'fail',
      'ISS-SYNC-002': 'fail',
    });
  });
});

describe('latePrintDiscarded', () => {
  test('passes later answers that carry only their own documents', () => {
    expect(
      verdicts(latePrintDiscarded, { abandoned: [refused('req-a', A, 'timeout', 504)], later: [other] }),
    ).toEqual({
      'ISS-PRT-003': 'pass',
    });
  });

  test("fails a later answer carrying an abandoned request's document", () => {
    const adopted = issued('req-b', B, own.body);
    expect(
      verdicts(latePrintDiscarded, { abandoned: [refused('req-a', A, 'timeout', 504)], later: [adopted] }),
    ).toEqual({
      'ISS-PRT-003': 'fail',
    });
  });
});

describe('syncLeavesPrints', () => {
  test('passes prints in flight answered after their release with their own image', () => {
    expect(verdicts(syncLeavesPrints, { inFlight: [own], answeredBeforeRelease: [] })).toEqual({
      'ISS-SYNC-004': 'pass',
    });
  });

  test('fails a print released by the sync', () => {
    expect(verdicts(syncLeavesPrints, { inFlight: [own], answeredBeforeRelease: ['req-a'] })).toEqual({
      'ISS-SYNC-004': 'fail',
    });
  });
});
