import { findingLines } from './evidence-summary.ts';
import type { RequirementVerdict, RunReport } from './report-model.ts';
import { openMusts } from './waivers.ts';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The findings behind a requirement's verdict, one text with the evidence they cite. */
function findingsText(report: RunReport, r: RequirementVerdict, verdict: 'fail'): string {
  return report.tests
    .filter((t) => r.tests.includes(t.id))
    .flatMap((t) =>
      t.findings
        .filter((f) => f.requirement === r.id && f.verdict === verdict)
        .flatMap((f) => [`${t.id}:`, ...findingLines(t, f)]),
    )
    .join('\n');
}

/**
 * SARIF 2.1.0 for code-scanning dashboards: each failed requirement is one result (rule = the
 * requirement id) located at the suite files of the tests that failed it; a waived failure is a
 * result with an external suppression carrying the waiver.
 */
export function toSarif(report: RunReport): object {
  // A certification run counts a MUST it could not judge as failed: it is a result too.
  const open = new Set(report.certification ? openMusts(report).map((r) => r.id) : []);
  const reported = report.requirements.filter(
    (r) => r.verdict === 'fail' || r.verdict === 'waived' || open.has(r.id),
  );
  const files = new Map(report.tests.map((t) => [t.id, t.file]));
  const results = reported.map((r) => {
    const failedIn = report.tests.filter(
      (t) => r.tests.includes(t.id) && t.failedRequirements.includes(r.id),
    );
    const tests = failedIn.length > 0 ? failedIn.map((t) => t.id) : r.tests;
    const uris = [...new Set(tests.map((id) => files.get(id)).filter((f): f is string => f !== undefined))];
    const details = open.has(r.id)
      ? `${r.verdict}, counted as failed by --certification: ${r.reason ?? ''}`
      : findingsText(report, r, 'fail') || r.reason || '';
    return {
      ruleId: r.id,
      level: r.level === 'MUST' ? 'error' : r.level === 'SHOULD' ? 'warning' : 'note',
      kind: 'fail',
      message: {
        text: `${r.level} ${r.id} ${open.has(r.id) ? 'not shown to hold' : 'failed'} against ${report.target} in ${tests.join(', ')}${details ? `\n${details}` : ''}`,
      },
      locations: uris.map((uri) => ({
        physicalLocation: { artifactLocation: { uri, uriBaseId: 'TEKIGO' } },
      })),
      ...(r.waiver
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: `${r.waiver.reason} (${r.waiver.link}, until ${r.waiver.expires})`,
              },
            ],
          }
        : {}),
      properties: { tests, requirementVerdict: r.verdict },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tekigo',
            version: report.tool.version,
            semanticVersion: report.suiteVersion,
            rules: reported.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: `${r.level} requirement ${r.id} of the tekigo catalog` },
              defaultConfiguration: {
                level: r.level === 'MUST' ? 'error' : r.level === 'SHOULD' ? 'warning' : 'note',
              },
              properties: { level: r.level },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.aborted === undefined && report.verdict !== 'error',
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
          },
        ],
        automationDetails: { id: `tekigo/${report.role}/${report.target}/` },
        results,
        properties: {
          role: report.role,
          target: report.target,
          specDigest: report.specDigest,
          verdict: report.verdict,
          failedRequirements: report.failedRequirements,
        },
      },
    ],
  };
}
