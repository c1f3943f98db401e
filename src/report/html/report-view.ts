import type { LedgerEntry } from '../../evidence/ledger-entry.ts';
import type { Finding, RunReport } from '../report-model.ts';

/**
 * What the HTML report shows, read from a report.json and the requirement catalog. This is the
 * one place that knows the report's field names: when report.json changes shape, only
 * `toReportView` changes.
 */
export interface ReportView {
  readonly role: string;
  readonly target: string;
  readonly environment: string;
  readonly specDigest: string;
  readonly suiteVersion: string;
  readonly tool: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly verdict: string;
  readonly capabilities: unknown;
  readonly aborted?: {
    readonly code: string;
    readonly message: string;
    readonly ledgers: readonly LedgerView[];
  };
  /** Tests by verdict. */
  readonly testCounts: Readonly<Record<string, number>>;
  /** Requirements of the role by outcome (a verdict or `untested`). */
  readonly requirementCounts: Readonly<Record<string, number>>;
  readonly failedRequirements: readonly string[];
  readonly requirements: readonly RequirementRow[];
  readonly incidents: readonly IncidentView[];
  readonly tests: readonly TestView[];
}

export interface RequirementRow {
  readonly id: string;
  /** `GEN-SEND` for `GEN-SEND-007`. */
  readonly family: string;
  readonly level: string;
  readonly verdict: string;
  readonly tests: readonly string[];
  readonly reason?: string;
  readonly statement?: string;
  readonly statementJa?: string;
  readonly roles: readonly string[];
  readonly incidents: readonly string[];
}

export interface IncidentView {
  readonly id: string;
  readonly year?: number;
  readonly title: string;
  readonly titleJa?: string;
}

export interface LedgerView {
  readonly name: string;
  readonly entries: readonly LedgerEntry[];
}

export interface TestView {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly requirements: readonly string[];
  readonly verdict: string;
  readonly failedRequirements: readonly string[];
  readonly durationMs: number;
  readonly message: string;
  readonly findings: readonly Finding[];
  readonly ledgers: readonly LedgerView[];
}

/** The parts of the requirement catalog the report shows (src/spec/catalog.ts has them all). */
export interface CatalogView {
  readonly requirements: readonly {
    readonly id: string;
    readonly statement: string;
    readonly 'statement-ja'?: string;
    readonly roles: readonly string[];
    readonly incidents: readonly string[];
  }[];
  readonly incidents: readonly {
    readonly id: string;
    readonly year?: number;
    readonly title: string;
    readonly 'title-ja'?: string;
  }[];
}

const countBy = (values: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

const ledgersOf = (ledgers: Readonly<Record<string, readonly LedgerEntry[]>> | undefined): LedgerView[] =>
  Object.entries(ledgers ?? {}).map(([name, entries]) => ({ name, entries }));

const familyOf = (id: string): string => id.replace(/-[0-9]+$/, '');

export function toReportView(report: RunReport, catalog: CatalogView): ReportView {
  const byId = new Map(catalog.requirements.map((r) => [r.id, r]));
  const requirements = report.requirements.map((r): RequirementRow => {
    const entry = byId.get(r.id);
    return {
      id: r.id,
      family: familyOf(r.id),
      level: r.level,
      verdict: r.verdict,
      tests: r.tests,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      ...(entry ? { statement: entry.statement } : {}),
      ...(entry?.['statement-ja'] !== undefined ? { statementJa: entry['statement-ja'] } : {}),
      roles: entry?.roles ?? [],
      incidents: entry?.incidents ?? [],
    };
  });
  const cited = new Set(requirements.flatMap((r) => r.incidents));
  return {
    role: report.role,
    target: report.target,
    environment: report.environment,
    specDigest: report.specDigest,
    suiteVersion: report.suiteVersion,
    tool: `${report.tool.name} ${report.tool.version} (Node.js ${report.tool.node})`,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    verdict: report.verdict,
    capabilities: report.capabilities,
    ...(report.aborted
      ? {
          aborted: {
            code: report.aborted.code,
            message: report.aborted.message,
            ledgers: ledgersOf(report.aborted.evidence?.ledgers),
          },
        }
      : {}),
    testCounts: countBy(report.tests.map((t) => t.verdict)),
    requirementCounts: countBy(requirements.map((r) => r.verdict)),
    failedRequirements: report.failedRequirements,
    requirements,
    incidents: catalog.incidents
      .filter((i) => cited.has(i.id))
      .map((i) => ({
        id: i.id,
        ...(i.year !== undefined ? { year: i.year } : {}),
        title: i.title,
        ...(i['title-ja'] !== undefined ? { titleJa: i['title-ja'] } : {}),
      })),
    tests: report.tests.map((t) => ({
      id: t.id,
      title: t.title,
      file: t.file,
      requirements: t.requirements,
      verdict: t.verdict,
      failedRequirements: t.failedRequirements,
      durationMs: t.durationMs,
      message: t.message,
      findings: t.findings,
      ledgers: ledgersOf(t.evidence?.ledgers),
    })),
  };
}
