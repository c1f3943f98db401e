import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';

/** One answer a role gave, as text: its headers and its body. */
export interface ExposedAnswer {
  /** "GET /health", "a 403 to a relay certificate". */
  readonly what: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text ('' when there was none). */
  readonly body: string;
  readonly ref: EvidenceRef;
}

export interface SecretsInput {
  readonly answers: readonly ExposedAnswer[];
  /** Secrets the run gave the role, by name: none may appear in any answer. */
  readonly secrets: readonly (readonly [string, string])[];
}

/** What a secret looks like whatever it is: a PEM private key, a password member or parameter. */
const SECRET_SHAPES: readonly [string, RegExp][] = [
  ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a password', /"(?:password|passwd|secret|apiKey|privateKey)"\s*:|\b(?:password|passwd)=/i],
];

/** The lines of a PEM's base64 body long enough to be unmistakable (JSON may escape the newlines). */
export function secretFragments(pem: string): string[] {
  return pem
    .split(/\r?\n/)
    .filter((line) => line.length >= 40 && !line.startsWith('-----'))
    .slice(0, 3);
}

/**
 * GEN-SEC-010: no answer (health, refusals, problems) holds a private key, a password or a
 * secret the run gave the role, in its body or its headers.
 */
export const secretsConcealed = defineCheck<SecretsInput>({
  name: 'secrets-concealed',
  requirements: ['GEN-SEC-010'],
  judge({ answers, secrets }): Finding[] {
    if (answers.length === 0)
      return [
        { requirement: 'GEN-SEC-010', verdict: 'inconclusive', message: 'no answer was read', evidence: [] },
      ];
    const leaks = answers.flatMap((a) => {
      const text = `${Object.entries(a.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')}\n${a.body}`;
      const found = [
        ...SECRET_SHAPES.filter(([, shape]) => shape.test(text)).map(([name]) => name),
        ...secrets.filter(([, value]) => value !== '' && text.includes(value)).map(([name]) => name),
      ];
      return found.length > 0 ? [{ a, found }] : [];
    });
    if (leaks.length === 0)
      return [
        {
          requirement: 'GEN-SEC-010',
          verdict: 'pass',
          message: `no secret in ${answers.map((a) => a.what).join(', ')}`,
          evidence: answers.map((a) => a.ref),
        },
      ];
    return [
      {
        requirement: 'GEN-SEC-010',
        verdict: 'fail',
        message: leaks
          .map(({ a, found }) => `${a.what} reveals ${[...new Set(found)].join(', ')}`)
          .join('; '),
        evidence: leaks.map(({ a }) => a.ref),
      },
    ];
  },
});
