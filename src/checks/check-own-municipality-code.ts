import type { LedgerEntry } from '../evidence/ledger-entry.ts';
import type { EvidenceRef, Finding } from '../report/report-model.ts';
import { defineCheck, refsOf } from './define-check.ts';
import { exchangesOf } from './record-attempts.ts';

/** What a municipality sent one peer, as that peer's mock recorded it. */
export interface SentToPeer {
  readonly ledger: string;
  readonly entries: readonly LedgerEntry[];
}

export interface OwnMunicipalityCode {
  readonly sent: readonly SentToPeer[];
  /** The interfaces whose batches are judged (each POSTed batch on them). */
  readonly interfaces: readonly string[];
  /** The municipalityCode its capabilities declare. */
  readonly code: string;
  /** The residents the suite gave it: its own. */
  readonly residentCodes: readonly string[];
}

type Batch = { municipalityCode?: string; records?: { residentCode?: string }[] };

/**
 * MUN-CHG-002: every batch the municipality sends carries the municipalityCode its capabilities
 * declare, and every record in it names one of its own residents.
 */
export const checkOwnMunicipalityCode = defineCheck<OwnMunicipalityCode>({
  name: 'own-municipality-code',
  requirements: ['MUN-CHG-002'],
  reads: (input) => input.sent.flatMap((s) => refsOf(s.ledger, s.entries)),
  judge({ sent, interfaces, code, residentCodes }): Finding {
    const own = new Set(residentCodes);
    const judged: { ref: EvidenceRef; iface: string; body: Batch }[] = sent.flatMap(({ ledger, entries }) =>
      interfaces.flatMap((iface) =>
        exchangesOf(entries, iface)
          .filter((e) => e.method === 'POST')
          .map((e) => ({ ref: { ledger, seq: e.seq }, iface, body: (e.requestBody ?? {}) as Batch })),
      ),
    );
    const foreignCode = judged.filter((b) => b.body.municipalityCode !== code);
    const strangers = judged.filter((b) =>
      (b.body.records ?? []).some((r) => !own.has(String(r.residentCode))),
    );
    const per = interfaces.map((i) => `${judged.filter((b) => b.iface === i).length} ${i}`).join(', ');
    const problems = [
      ...(judged.length === 0 ? ['no batch was sent'] : []),
      ...foreignCode.map(
        (b) => `a ${b.iface} batch under ${b.body.municipalityCode ?? 'no code'} (declared ${code})`,
      ),
      ...(strangers.length > 0 ? [`${strangers.length} batch(es) name a resident it was never given`] : []),
    ];
    return {
      requirement: 'MUN-CHG-002',
      verdict: problems.length === 0 ? 'pass' : 'fail',
      message:
        problems.length === 0
          ? `every batch sent (${per}) is under the declared ${code} and names only its own residents`
          : problems.slice(0, 5).join('; '),
      evidence: (problems.length === 0 || judged.length === 0 ? judged : [...foreignCode, ...strangers]).map(
        (b) => b.ref,
      ),
    };
  },
});
