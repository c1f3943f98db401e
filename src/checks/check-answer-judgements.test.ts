import { describe, expect, test } from 'vitest';
import {
  answeredProblem,
  batchResultShape,
  correlationEchoed,
  noPersonalDataInError,
  problemJson,
  recordOutcomes,
  refusalNamesField,
} from './check-answer-judgements.ts';
import { applyCheck } from './define-check.ts';

const evidence = [{ ledger: 'suite', seq: 7 }];
const CONFLICT = 'urn:tekigo:problem:conflict';
const verdict = <I>(check: Parameters<typeof applyCheck<I>>[0], input: I) => {
  const [finding] = applyCheck(check, input);
  return [finding?.requirement, finding?.verdict, finding?.check];
};

describe('refusalNamesField', () => {
  const refusal = (status: number, pointer: string) => ({
    what: 'an empty batch',
    status,
    body: { errors: [{ pointer }] },
    expectedStatus: 400,
    pointer: '/records',
    evidence,
  });
  test('passes the expected status naming the field, its parent or a child', () => {
    expect(verdict(refusalNamesField('GEN-VAL-010'), refusal(400, '/records'))).toEqual([
      'GEN-VAL-010',
      'pass',
      'refusal-names-field',
    ]);
    expect(verdict(refusalNamesField('GEN-VAL-010'), refusal(400, '/records/0'))[1]).toBe('pass');
  });
  test('fails another status, another field, or no errors', () => {
    expect(verdict(refusalNamesField('GEN-VAL-010'), refusal(422, '/records'))[1]).toBe('fail');
    expect(verdict(refusalNamesField('GEN-VAL-010'), refusal(400, '/sentAt'))[1]).toBe('fail');
    expect(
      verdict(refusalNamesField('GEN-VAL-010'), { ...refusal(400, ''), body: { title: 'Bad' } })[1],
    ).toBe('fail');
  });
});

describe('answeredProblem', () => {
  const answer = (status: number | null, type: string) => ({
    what: 'a JSON batch sent as text/plain',
    status,
    body: { type },
    statuses: [415],
    problemType: 'urn:tekigo:problem:unsupported-media-type',
    evidence,
  });
  test('passes an expected status with the expected problem type', () => {
    expect(
      verdict(answeredProblem('GEN-VAL-008'), answer(415, 'urn:tekigo:problem:unsupported-media-type')),
    ).toEqual(['GEN-VAL-008', 'pass', 'answered-problem']);
  });
  test('fails another status, another type, or no answer', () => {
    expect(verdict(answeredProblem('GEN-VAL-008'), answer(400, 'urn:tekigo:problem:validation'))[1]).toBe(
      'fail',
    );
    expect(verdict(answeredProblem('GEN-VAL-008'), answer(415, 'about:blank'))[1]).toBe('fail');
    expect(verdict(answeredProblem('GEN-VAL-008'), answer(null, ''))[1]).toBe('fail');
  });
});

describe('recordOutcomes', () => {
  const results = (...outcomes: string[]) => ({
    results: outcomes.map((o) =>
      o === 'conflict' ? { outcome: 'rejected', problem: { type: CONFLICT } } : { outcome: o },
    ),
  });
  const expected = ['accepted', 'duplicate', 'accepted', `rejected:${CONFLICT}`];
  test('passes the expected outcomes in order, or as a set when unordered', () => {
    const input = {
      what: 'a batch',
      status: 200,
      body: results('accepted', 'duplicate', 'accepted', 'conflict'),
      expected,
      evidence,
    };
    expect(verdict(recordOutcomes('GEN-IDEM-003'), input)).toEqual([
      'GEN-IDEM-003',
      'pass',
      'record-outcomes',
    ]);
    const pair = {
      ...input,
      body: [results('duplicate'), results('accepted')],
      expected: ['accepted', 'duplicate'],
    };
    expect(verdict(recordOutcomes('GEN-IDEM-005'), { ...pair, unordered: true })[1]).toBe('pass');
    expect(verdict(recordOutcomes('GEN-IDEM-005'), pair)[1]).toBe('fail');
  });
  test('fails a duplicate answered for a conflict, or a missing result', () => {
    const input = {
      what: 'a batch',
      status: 200,
      body: results('accepted', 'duplicate', 'accepted', 'duplicate'),
      expected,
      evidence,
    };
    expect(verdict(recordOutcomes('GEN-IDEM-003'), input)[1]).toBe('fail');
    expect(verdict(recordOutcomes('GEN-IDEM-003'), { ...input, body: null })[1]).toBe('fail');
  });
});

describe('batchResultShape', () => {
  const input = (batchId: string, ids: string[]) => ({
    what: 'a batch of 2 records',
    status: 200,
    body: { batchId, results: ids.map((recordId) => ({ recordId })) },
    batchId: 'b-1',
    recordIds: ['r-1', 'r-2'],
    evidence,
  });
  test('passes the batchId and one result per record in request order', () => {
    expect(verdict(batchResultShape, input('b-1', ['r-1', 'r-2']))).toEqual([
      'GEN-BAT-001',
      'pass',
      'batch-result-shape',
    ]);
  });
  test('fails another batchId, another order or a missing result', () => {
    expect(verdict(batchResultShape, input('b-2', ['r-1', 'r-2']))[1]).toBe('fail');
    expect(verdict(batchResultShape, input('b-1', ['r-2', 'r-1']))[1]).toBe('fail');
    expect(verdict(batchResultShape, input('b-1', ['r-1']))[1]).toBe('fail');
  });
});

describe('noPersonalDataInError', () => {
  const personal = [
    ['the name', '試験 太郎'],
    ['the date of birth', '1990-02-30'],
  ] as const;
  test('passes a problem that names the field without its value', () => {
    const body = { type: 'urn:tekigo:problem:validation', errors: [{ pointer: '/items/dateOfBirth' }] };
    expect(
      verdict(noPersonalDataInError, { what: 'a stimulus', status: 400, body, personal, evidence }),
    ).toEqual(['GEN-SEC-006', 'pass', 'no-personal-data-in-error']);
  });
  test('fails a problem that echoes a value anywhere in its body', () => {
    const body = { errors: [{ pointer: '/items/dateOfBirth', detail: 'invalid date 1990-02-30' }] };
    const [finding] = applyCheck(noPersonalDataInError, {
      what: 'a stimulus',
      status: 400,
      body,
      personal,
      evidence,
    });
    expect(finding?.verdict).toBe('fail');
    expect(finding?.message).toContain('the date of birth');
    expect(finding?.evidence).toEqual(evidence);
  });
});

describe('problemJson', () => {
  const answer = (contentType: string | undefined, validProblem: boolean | undefined) => ({
    what: 'an unknown reason',
    status: 400,
    body: {},
    contentType,
    validProblem,
    evidence,
  });
  test('passes a problem+json body that validates', () => {
    expect(verdict(problemJson, answer('application/problem+json; charset=utf-8', true))).toEqual([
      'GEN-ERR-001',
      'pass',
      'problem-json',
    ]);
  });
  test('fails another media type or a body that does not validate', () => {
    expect(verdict(problemJson, answer('application/json', true))[1]).toBe('fail');
    expect(verdict(problemJson, answer('application/problem+json', false))[1]).toBe('fail');
    expect(verdict(problemJson, answer(undefined, undefined))[1]).toBe('fail');
  });
});

describe('correlationEchoed', () => {
  const answer = (header: string | undefined, body: unknown, inBody = false) => ({
    what: 'GET /health',
    status: 200,
    body,
    sent: 'c-1',
    header,
    inBody,
    evidence,
  });
  test('passes the id echoed in the header, and in the problem when asked', () => {
    expect(verdict(correlationEchoed, answer('c-1', {}))).toEqual([
      'GEN-OBS-001',
      'pass',
      'correlation-echoed',
    ]);
    expect(verdict(correlationEchoed, answer('c-1', { correlationId: 'c-1' }, true))[1]).toBe('pass');
  });
  test('fails another or no header id, or a problem without the id', () => {
    expect(verdict(correlationEchoed, answer('c-2', {}))[1]).toBe('fail');
    expect(verdict(correlationEchoed, answer(undefined, {}))[1]).toBe('fail');
    expect(verdict(correlationEchoed, answer('c-1', {}, true))[1]).toBe('fail');
  });
});
