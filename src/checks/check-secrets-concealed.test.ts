import { describe, expect, test } from 'vitest';
import {
  type ExposedAnswer,
  loggedSecretsConcealed,
  secretFragments,
  secretsConcealed,
} from './check-secrets-concealed.ts';
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

describe('loggedSecretsConcealed (GEN-SEC-010, the log)', () => {
  const started = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ event: 'started', level: 'info', correlationId: 'c-1', replica: null, ...extra });
  const judge = (lines: string[]) =>
    applyCheck(loggedSecretsConcealed, { log: { lines, ref: { ledger: 'suite', seq: 7 } }, secrets });

  test('passes a log of ids and counts, banners and stack traces included', () => {
    const [finding] = judge([
      '{"event":"listening","role":"relay","url":"https://127.0.0.1:4000"}',
      started({ parameters: { retry: { maxAttempts: 5 } } }),
      'Error: boom\n    at handler (/srv/app.js:1:1)',
    ]);
    expect(finding).toMatchObject({ verdict: 'pass', evidence: [{ ledger: 'suite', seq: 7 }] });
  });
  test('passes an empty log: nothing written, nothing revealed', () => {
    expect(judge([]).map((f) => f.verdict)).toEqual(['pass']);
  });
  test('fails a start line dumping its TLS configuration, naming the line and never the key', () => {
    const [finding] = judge(['{"event":"listening"}', started({ configuration: { tls: { key: KEY } } })]);
    expect(finding).toMatchObject({ verdict: 'fail' });
    expect(finding?.message).toMatch(/line 2 reveals a PEM private key, its TLS private key/);
    expect(finding?.message).not.toContain('synthetic');
  });
  test('fails a key body without its armour, and one whose characters are escaped', () => {
    const body = KEY.split('\n').slice(1, 3).join('\n');
    expect(judge([started({ tlsKey: body })]).map((f) => f.verdict)).toEqual(['fail']);
    // Every character of the key's first line written as a \u escape: the same JSON string.
    const line = KEY.split('\n')[1] ?? '';
    const unicode = [...line].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const escaped = started({ note: 'x' }).replace('"x"', `"${unicode}"`);
    expect(escaped).not.toContain(line);
    expect(judge([escaped]).map((f) => f.verdict)).toEqual(['fail']);
  });
  test('fails a password member on stderr as well as on stdout', () => {
    expect(judge(['db connect failed {"password":"changeme"}']).map((f) => f.verdict)).toEqual(['fail']);
    expect(judge([started({ database: { password: 'changeme' } })]).map((f) => f.verdict)).toEqual(['fail']);
  });
});
