import { describe, expect, test } from 'vitest';
import { type ExposedAnswer, secretFragments, secretsConcealed } from './check-secrets-concealed.ts';
import { applyCheck } from './define-check.ts';

// The armour is put together here so that no file of the repository holds a PEM key marker.
const ARMOUR = (edge: string) => ['-----', edge, ' PRIVATE KEY-----'].join('');
const KEY = [
  ARMOUR('BEGIN'),
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0000synthetic0000',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  ARMOUR('END'),
].join('\n');
const answer = (over: Partial<ExposedAnswer>): ExposedAnswer => ({
  what: 'GET /health',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status: 'up' }),
  ref: { ledger: 'suite', seq: 2 },
  ...over,
});
const secrets = secretFragments(KEY).map((f) => ['its TLS private key', f] as const);
const verdict = (answers: ExposedAnswer[]) =>
  applyCheck(secretsConcealed, { answers, secrets }).map((f) => f.verdict);

describe('secretsConcealed (GEN-SEC-010)', () => {
  test('passes answers holding no secret', () => {
    expect(
      verdict([answer({}), answer({ what: 'GET /debug', body: '{"type":"urn:tekigo:problem:not-found"}' })]),
    ).toEqual(['pass']);
  });
  test('fails a health answer carrying the TLS key, even with its PEM armour and newlines escaped', () => {
    const body = JSON.stringify({
      status: 'up',
      config: { tlsKey: KEY.split('\n').slice(1, 3).join('\\n') },
    });
    const [finding] = applyCheck(secretsConcealed, { answers: [answer({ body })], secrets });
    expect(finding).toMatchObject({ verdict: 'fail' });
    expect(finding?.message).toMatch(/GET \/health reveals its TLS private key/);
  });
  test('fails a PEM private key or a password member in a header or a body', () => {
    expect(verdict([answer({ headers: { 'x-debug': ARMOUR('BEGIN EC') } })])).toEqual(['fail']);
    expect(verdict([answer({ body: '{"db":{"password":"changeme"}}' })])).toEqual(['fail']);
  });
  test('is inconclusive with no answer', () => {
    expect(verdict([])).toEqual(['inconclusive']);
  });
});
