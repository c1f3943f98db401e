import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck } from './define-check.ts';
import { decodedLine, type TargetLog, withLog } from './log-events.ts';

/** One answer a role gave, as text: its headers and its body. */
export interface ExposedAnswer {
  /** "GET /health", "a 403 to a relay certificate". */
  readonly what: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text ('' when there was none). */
  readonly body: string;
  readonly ref: EvidenceRef;
}

/** Secrets the run gave the role, by name (e.g. fragments of its TLS key): none may appear. */
export type GivenSecrets = readonly (readonly [name: string, value: string])[];

export interface SecretsInput {
  readonly answers: readonly ExposedAnswer[];
  readonly secrets: GivenSecrets;
}

export interface LoggedSecretsInput {
  /** Every line the role wrote to its log during the run, stderr included. */
  readonly log: TargetLog;
  readonly secrets: GivenSecrets;
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

/** What secrets `text` reveals, by name: a secret's shape, or one the run gave the role. */
function revealedIn(text: string, secrets: GivenSecrets): string[] {
  return [
    ...SECRET_SHAPES.filter(([, shape]) => shape.test(text)).map(([name]) => name),
    ...secrets.filter(([, value]) => value !== '' && text.includes(value)).map(([name]) => name),
  ];
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
      const found = revealedIn(text, secrets);
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

/**
 * GEN-SEC-010 in the log (specs/README.md, log contract): no line the role wrote holds a private
 * key, a password member or a secret the run gave it. A JSON line is read as written and decoded,
 * so a key whose characters are escaped is found too. Findings name the line, never the secret.
 */
export const loggedSecretsConcealed = defineCheck<LoggedSecretsInput>({
  name: 'logged-secrets-concealed',
  requirements: ['GEN-SEC-010'],
  judge({ log, secrets }): Finding {
    const leaks = log.lines.flatMap((line, index) => {
      const found = revealedIn(`${line}\n${decodedLine(line)}`, secrets);
      return found.length > 0 ? [`line ${index + 1} reveals ${[...new Set(found)].join(', ')}`] : [];
    });
    if (leaks.length === 0)
      return {
        requirement: 'GEN-SEC-010',
        verdict: 'pass',
        message: `none of the ${log.lines.length} log line(s) holds a private key, a password or a secret the run gave it`,
        evidence: withLog(log),
      };
    return {
      requirement: 'GEN-SEC-010',
      verdict: 'fail',
      message: `its log: ${leaks.slice(0, 3).join('; ')}${leaks.length > 3 ? ` (${leaks.length} lines in all)` : ''}`,
      evidence: withLog(log),
    };
  },
});
