import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { type CheckDefinition, defineCheck, refsOf } from './define-check.ts';
import { revocationsFor } from './revocations-for.ts';
import { type Scheduled, upperBound } from './scheduling-allowance.ts';

/** One certificate and whether what the suite did must revoke it. */
export interface RevocationExpectation {
  readonly requirement: string;
  readonly what: string;
  readonly serialNumber: string;
  readonly revoked: boolean;
  /**
   * For an expected revocation: wall-clock ms (epoch) of its cause and the declared bound; the
   * first request must reach the authority by then.
   */
  readonly within?: { readonly sinceEpochMs: number; readonly boundMs: number };
}

export interface RevocationPresence extends Scheduled {
  /** The ledger of the party that received the revocation requests. */
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
  readonly expectations: readonly RevocationExpectation[];
}

/**
 * Whether a certificate got a revocation request, as a requirement says it must or must not:
 * NC-REV-004 (a change answered rejected or duplicate causes none), NC-ISS-002/004 (a certificate
 * answered accepted is linked, so a later change revokes it), NC-CMG-003 (a completed card-revoke
 * revokes the resident's valid certificates within deliveryBoundMs), GEN-VAL-007 with NC-ISS-003
 * (a name read back through the digest check of issuance notices).
 */
export const revocationPresenceCheck = (
  requirements: readonly string[],
): CheckDefinition<RevocationPresence> =>
  defineCheck<RevocationPresence>({
    name: 'revocation-presence',
    requirements,
    reads: (input) => refsOf(input.ledger, input.entries),
    timeBound: true,
    judge: ({ ledger, entries, expectations, schedulingDelay }): Finding[] =>
      expectations.map((e) => {
        const bound = e.within ? upperBound(e.within.boundMs, 0, schedulingDelay) : undefined;
        const requests = revocationsFor(entries, e.serialNumber);
        const first = requests[0]?.exchange;
        const late =
          first && e.within
            ? Date.parse(first.at) - (e.within.sinceEpochMs + (bound?.limitMs ?? e.within.boundMs))
            : Number.NEGATIVE_INFINITY;
        const pass = e.revoked ? requests.length > 0 && late <= 0 : requests.length === 0;
        const seen =
          requests.length === 0
            ? 'no revocation request'
            : `${requests.length} revocation request(s)${late > 0 ? `, the first ${late} ms after the bound` : ''}`;
        return {
          requirement: e.requirement,
          verdict: pass ? 'pass' : 'fail',
          message: `${e.what}: ${seen} for ${e.serialNumber} (expected ${e.revoked ? `one${bound ? ` within ${bound.text}` : ''}` : 'none'})`,
          evidence: [
            ...refsOf(
              ledger,
              requests.map((r) => r.exchange),
            ),
            ...(requests.length > 0 ? (bound?.evidence ?? []) : []),
          ],
        };
      }),
  });

/**
 * NC-REV-004, NC-ISS-002 and NC-ISS-004: refused changes revoke nothing; accepted certificates,
 * also those notified by another municipality, are linked.
 */
export const checkLinkedOrNot = revocationPresenceCheck(['NC-REV-004', 'NC-ISS-002', 'NC-ISS-004']);

/** NC-CMG-003: a completed card-revoke revokes the resident's valid certificates within the bound. */
export const checkCardRevokeRevocations = revocationPresenceCheck(['NC-CMG-003']);

/**
 * GEN-VAL-007 read back through NC-ISS-003: of two certificates notified over a name outside the
 * BMP, the one whose digest covers the name as sent stays linked (the center kept the name code
 * point for code point), the one over the name with 〓 for those characters is revoked as a
 * digest mismatch (what a center storing a legacy character set would have kept instead).
 */
export const checkNameReadBack = revocationPresenceCheck(['GEN-VAL-007', 'NC-ISS-003']);
