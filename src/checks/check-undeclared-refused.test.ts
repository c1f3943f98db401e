import { describe, expect, test } from 'vitest';
import { type UndeclaredAttempt, undeclaredRefused } from './check-undeclared-refused.ts';
import { applyCheck } from './define-check.ts';

const CANARY = 'canary-5f1c9e';
const problem = (status: number, detail = 'nothing is served here') =>
  JSON.stringify({ type: 'urn:tekigo:problem:not-found', title: 'Not found', status, detail });
const attempt = (over: Partial<UndeclaredAttempt>): UndeclaredAttempt => ({
  what: 'GET /debug',
  expected: 404,
  outcome: 'answered',
  status: 404,
  headers: { 'content-type': 'application/problem+json' },
  body: problem(404),
  canary: CANARY,
  ref: { ledger: 'suite', seq: 4 },
  ...over,
});
const traced = (over: Partial<UndeclaredAttempt>) =>
  attempt({
    what: 'TRACE /health',
    expected: 405,
    status: 405,
    headers: { 'content-type': 'application/problem+json', allow: 'GET' },
    body: problem(405, 'TRACE is not served here; use GET'),
    ...over,
  });
const verdicts = (attempts: UndeclaredAttempt[]) =>
  applyCheck(undeclaredRefused, attempts).map((f) => [f.requirement, f.verdict]);

describe('undeclaredRefused (GEN-SEC-013, GEN-ERR-004, GEN-ERR-006)', () => {
  test('passes a 404 not-found for a debug page and a 405 with Allow for TRACE', () => {
    expect(verdicts([attempt({}), traced({})])).toEqual([
      ['GEN-SEC-013', 'pass'],
      ['GEN-ERR-004', 'pass'],
      ['GEN-ERR-006', 'pass'],
    ]);
  });

  test('fails a debug page that is served, naming what it reveals', () => {
    const findings = applyCheck(undeclaredRefused, [
      attempt({
        status: 200,
        headers: { 'content-type': 'application/json', 'x-powered-by': 'Express' },
        body: JSON.stringify({ versions: { node: '24.1.0' }, main: '/srv/app/dist/server.js' }),
      }),
    ]);
    expect(findings.map((f) => [f.requirement, f.verdict])).toEqual([
      ['GEN-SEC-013', 'fail'],
      ['GEN-ERR-004', 'fail'],
    ]);
    expect(findings[0]?.message).toMatch(/a file path, a library version, x-powered-by: Express/);
  });

  test('fails a TRACE that echoes the request, even when the status is right', () => {
    const echo = `TRACE /health HTTP/1.1\r\ncookie: session=${CANARY}\r\n`;
    expect(
      verdicts([traced({ status: 200, headers: { 'content-type': 'message/http' }, body: echo })]),
    ).toEqual([
      ['GEN-SEC-013', 'fail'],
      ['GEN-ERR-006', 'fail'],
    ]);
    const [sec] = applyCheck(undeclaredRefused, [traced({ body: echo })]);
    expect(sec).toMatchObject({ verdict: 'fail' });
    expect(sec?.message).toMatch(/revealing the request's headers/);
  });

  test('fails a 405 without Allow on GEN-ERR-006 only', () => {
    expect(verdicts([traced({ headers: { 'content-type': 'application/problem+json' } })])).toEqual([
      ['GEN-SEC-013', 'pass'],
      ['GEN-ERR-006', 'fail'],
    ]);
  });

  test('fails a 404 for an undeclared method on a served path, and a 403 for an undeclared path', () => {
    expect(verdicts([traced({ status: 404, body: problem(404) }), attempt({ status: 403 })])).toEqual([
      ['GEN-SEC-013', 'fail'],
      ['GEN-ERR-004', 'fail'],
      ['GEN-ERR-006', 'fail'],
    ]);
  });

  test('is inconclusive when nothing was tried', () => {
    expect(verdicts([])).toEqual([['GEN-SEC-013', 'inconclusive']]);
  });
});
