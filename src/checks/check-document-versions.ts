import type { Finding } from '../report/report-model.ts';
import { canonicalJson } from '../spec/canonical-json.ts';
import { type IssuedAnswer, summarize } from './check-documents-own.ts';
import { defineCheck } from './define-check.ts';

export interface DocumentVersionsInput {
  /** Every version the municipality synced of each resident: residentCode → version → four items. */
  readonly versions: Readonly<Record<string, Readonly<Record<number, unknown>>>>;
  readonly answers: readonly (IssuedAnswer & {
    /** The lowest version each resident must show: an accepted sync was answered before this request was sent. */
    readonly atLeast?: Readonly<Record<string, number>>;
  })[];
}

/** The version whose items a document entry shows, or undefined when it matches none (torn). */
function versionOf(
  versions: Readonly<Record<number, unknown>> | undefined,
  items: unknown,
): number | undefined {
  const shown = canonicalJson(items ?? null);
  const match = Object.entries(versions ?? {}).find(([, known]) => canonicalJson(known) === shown);
  return match ? Number(match[0]) : undefined;
}

/**
 * ISS-SYNC-002 and ISS-SYNC-001: every document shows each subject exactly as one synced
 * version (never a mix of two), and a request sent after a sync was acknowledged shows that
 * version or a later one (a 404 for a holder whose sync was acknowledged fails it too).
 */
export const documentVersions = defineCheck<DocumentVersionsInput>({
  name: 'document-versions',
  requirements: ['ISS-SYNC-001', 'ISS-SYNC-002'],
  judge({ versions, answers }): Finding[] {
    const documents = answers.filter((a) => a.status === 200);
    const entriesOf = (answer: IssuedAnswer) =>
      (
        (answer.body as { fields?: { residents?: { residentCode: string; items: unknown }[] } }).fields
          ?.residents ?? []
      ).map((entry) => ({ ...entry, version: versionOf(versions[entry.residentCode], entry.items) }));
    const torn = documents.map((answer) => {
      const bad = entriesOf(answer).find((e) => versions[e.residentCode] && e.version === undefined);
      return { answer, why: bad ? `shows ${bad.residentCode} as no single synced version` : undefined };
    });
    const bound = answers.filter((a) => a.atLeast !== undefined && (a.status === 200 || a.status === 404));
    const fresh = bound.map((answer) => {
      if (answer.status === 404)
        return { answer, why: 'refused unknown-resident for a holder whose sync was acknowledged' };
      const stale = entriesOf(answer).find(
        (e) => e.version !== undefined && e.version < (answer.atLeast?.[e.residentCode] ?? 0),
      );
      return {
        answer,
        why: stale
          ? `shows ${stale.residentCode} at version ${stale.version} after version ${answer.atLeast?.[stale.residentCode]} was acknowledged`
          : undefined,
      };
    });
    const inconclusive = (requirement: string, why: string): Finding => ({
      requirement,
      verdict: 'inconclusive',
      message: why,
      evidence: answers.flatMap((a) => a.evidence),
    });
    return [
      documents.length > 0
        ? summarize('ISS-SYNC-002', torn, 'documents, each showing every subject as one synced version')
        : inconclusive('ISS-SYNC-002', 'no request was answered with a document'),
      bound.length > 0
        ? summarize(
            'ISS-SYNC-001',
            fresh,
            'documents requested after an acknowledged sync, each reflecting it',
          )
        : inconclusive('ISS-SYNC-001', 'no document was requested after an acknowledged sync'),
    ];
  },
});
