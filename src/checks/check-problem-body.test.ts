import { describe, expect, test } from 'vitest';
import { problemTypeUri } from '../spec/problem-types.ts';
import { internalErrorConcealed } from './check-internal-error-concealed.ts';
import { type ProblemAnswer, problemBody } from './check-problem-body.ts';
import { applyCheck } from './define-check.ts';

const evidence = [{ ledger: 'suite', seq: 3 }];
const answer = (over: Partial<ProblemAnswer> = {}, body: Record<string, unknown> = {}): ProblemAnswer => ({
  what: 'GET /no-such-path',
  status: 404,
  headers: { 'x-correlation-id': 'c-1' },
  body: { type: problemTypeUri('not-found'), status: 404, correlationId: 'c-1', ...body },
  evidence,
  ...over,
});
const verdicts = (input: ProblemAnswer) =>
  applyCheck(problemBody, input).map((f) => [f.requirement, f.verdict, f.check]);

describe('problemBody', () => {
  test('passes a listed problem type with the answer status and the header correlation id', () => {
    expect(verdicts(answer())).toEqual([
      ['GEN-ERR-002', 'pass', 'problem-body'],
      ['GEN-OBS-003', 'pass', 'problem-body'],
    ]);
    expect(applyCheck(problemBody, answer())[0]?.evidence).toEqual(evidence);
  });

  test('fails a type the protocol does not list, or a status that differs from the answer', () => {
    expect(verdicts(answer({}, { type: 'about:blank' }))[0]).toEqual(['GEN-ERR-002', 'fail', 'problem-body']);
    expect(verdicts(answer({}, { status: 400 }))[0]).toEqual(['GEN-ERR-002', 'fail', 'problem-body']);
  });

  test('fails a correlation id that is not the one of the response header', () => {
    expect(verdicts(answer({}, { correlationId: 'other' }))[1]).toEqual([
      'GEN-OBS-003',
      'fail',
      'problem-body',
    ]);
    expect(verdicts(answer({ headers: {} }))[1]).toEqual(['GEN-OBS-003', 'fail', 'problem-body']);
  });

  test('judges nothing on an answer that is no error or has no body', () => {
    expect(applyCheck(problemBody, answer({ status: 200 }))).toEqual([]);
    expect(applyCheck(problemBody, answer({ status: null }))).toEqual([]);
    expect(applyCheck(problemBody, answer({ body: null }))).toEqual([]);
  });
});

describe('internalErrorConcealed', () => {
  const internal = (detail: string) =>
    answer({ status: 500 }, { type: problemTypeUri('internal'), status: 500, detail });

  test('passes a 500 of type internal that reveals nothing of the implementation', () => {
    expect(applyCheck(internalErrorConcealed, internal('something went wrong'))).toMatchObject([
      { requirement: 'GEN-ERR-003', verdict: 'pass', check: 'internal-error-concealed', evidence },
    ]);
  });

  test('fails a 500 that reveals a stack trace, a file path, a query or a library version', () => {
    for (const detail of [
      'Error: boom\n    at handler (x)',
      'in /srv/app/handler.ts',
      'SELECT id FROM residents',
      'driver 4.2.1',
    ])
      expect(applyCheck(internalErrorConcealed, internal(detail))[0]?.verdict).toBe('fail');
  });

  test('fails a 500 of another type, and judges nothing on other statuses', () => {
    expect(applyCheck(internalErrorConcealed, answer({ status: 500 }, { status: 500 }))[0]?.verdict).toBe(
      'fail',
    );
    expect(applyCheck(internalErrorConcealed, answer())).toEqual([]);
  });

  test('fails a provoked internal failure answered otherwise than 500, and judges it as any 500', () => {
    const provoked = { provoked: true, what: 'GET /reconciliation with internalFailure armed' };
    expect(
      applyCheck(internalErrorConcealed, { ...answer({ status: 200, body: {} }), ...provoked }),
    ).toMatchObject([{ requirement: 'GEN-ERR-003', verdict: 'fail' }]);
    const unavailable = answer({ status: 503 }, { type: problemTypeUri('unavailable'), status: 503 });
    expect(applyCheck(internalErrorConcealed, { ...unavailable, ...provoked })[0]?.message).toContain(
      'answered 503',
    );
    expect(
      applyCheck(internalErrorConcealed, { ...answer({ status: 500, body: null }), ...provoked })[0]?.verdict,
    ).toBe('fail');
    expect(
      applyCheck(internalErrorConcealed, { ...internal('something went wrong'), ...provoked })[0]?.verdict,
    ).toBe('pass');
    expect(
      applyCheck(internalErrorConcealed, { ...internal('at /srv/app/store.js:12'), ...provoked })[0]?.verdict,
    ).toBe('fail');
  });
});
