import type { EvidenceRef, Finding } from '../report/report-model.ts';

/** Text the target disclosed: a log, an error body, its health or capabilities. */
export interface Disclosure {
  readonly source: string;
  readonly text: string;
  readonly ref?: EvidenceRef;
}

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** A JSON member whose name says it holds a credential, with a non-empty string value. */
const SECRET_MEMBER =
  /"(password|passwd|passphrase|secret|client_secret|private_?key|api_?key|authorization|cookie|access_?token|token)"\s*:\s*"[^"]+"/i;

/**
 * GEN-SEC-010: no disclosure holds a credential. `canaries` are credentials the test itself sent
 * (in an Authorization header, say): finding one anywhere is proof of a leak. Beyond those, a PEM
 * private key block or a JSON member named like a credential with a value counts as a secret.
 */
export function checkNoSecrets(sources: readonly Disclosure[], canaries: readonly string[]): Finding {
  const leaks: { source: Disclosure; what: string }[] = [];
  for (const source of sources) {
    const canary = canaries.find((c) => source.text.includes(c));
    if (canary) leaks.push({ source, what: 'a credential the suite sent' });
    else if (PRIVATE_KEY.test(source.text)) leaks.push({ source, what: 'a private key' });
    else {
      const member = SECRET_MEMBER.exec(source.text);
      if (member) leaks.push({ source, what: `a "${member[1]}" member with a value` });
    }
  }
  const evidence = sources.flatMap((s) => (s.ref ? [s.ref] : []));
  if (leaks.length === 0) {
    return {
      requirement: 'GEN-SEC-010',
      verdict: 'pass',
      message: `no secret in ${sources.map((s) => s.source).join(', ')}`,
      evidence,
    };
  }
  const first = leaks[0];
  return {
    requirement: 'GEN-SEC-010',
    verdict: 'fail',
    message: `${first?.source.source} holds ${first?.what}${leaks.length > 1 ? ` (${leaks.length} sources leak)` : ''}`,
    evidence: leaks.flatMap((l) => (l.source.ref ? [l.source.ref] : [])),
  };
}
