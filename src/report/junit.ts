import { findingLines } from './evidence-summary.ts';
import type { RequirementVerdict, RunReport, TestReport } from './report-model.ts';

const escapeXml = (s: string): string =>
  s
    .replace(
      /[<>&"']/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
    )
    // XML 1.0 forbids most control characters even when escaped; they are exactly what this matches.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);
const firstLine = (text: string): string => text.split('\n')[0]?.slice(0, 500) ?? '';

/** What a JUnit reader shows for one outcome: an element with a type, a message and a body. */
interface Outcome {
  readonly element: 'failure' | 'error' | 'skipped';
  readonly type: string;
  readonly message: string;
  readonly body: string;
}

const outcomeXml = (o: Outcome | undefined): string =>
  o === undefined
    ? ''
    : `\n        <${o.element} type="${escapeXml(o.type)}" message="${escapeXml(firstLine(o.message))}">${escapeXml(o.body)}</${o.element}>`;

/** True when one of the requirements is a MUST: then an inconclusive verdict is not a skip. */
function concernsMust(report: RunReport, ids: readonly string[]): boolean {
  const levels = new Map(report.requirements.map((r) => [r.id, r.level]));
  return ids.some((id) => levels.get(id) === 'MUST');
}

function testOutcome(report: RunReport, t: TestReport): Outcome | undefined {
  const body = (verdicts: readonly string[]) =>
    t.findings
      .filter((f) => verdicts.includes(f.verdict))
      .flatMap((f) => findingLines(t, f))
      .join('\n') || t.message;
  switch (t.verdict) {
    case 'pass':
      return undefined;
    case 'fail':
      return { element: 'failure', type: 'tekigo.fail', message: t.message, body: body(['fail']) };
    case 'error':
      return { element: 'error', type: 'tekigo.error', message: t.message, body: t.message };
    case 'inconclusive': {
      const open = t.findings.filter((f) => f.verdict === 'inconclusive').map((f) => f.requirement);
      const must = concernsMust(report, open.length > 0 ? open : t.requirements);
      // An inconclusive MUST was not shown to hold: a dashboard must not file it with the skips.
      return must
        ? {
            element: 'failure',
            type: 'tekigo.inconclusive',
            message: t.message,
            body: body(['inconclusive']),
          }
        : {
            element: 'skipped',
            type: 'tekigo.inconclusive',
            message: t.message,
            body: body(['inconclusive']),
          };
    }
    case 'waived':
      return {
        element: 'skipped',
        type: 'tekigo.waived',
        message: `waived until ${t.waiver?.expires}: ${t.waiver?.reason} (${t.waiver?.link})`,
        body: body(['fail']),
      };
    default:
      return { element: 'skipped', type: `tekigo.${t.verdict}`, message: t.message, body: t.message };
  }
}

function requirementOutcome(report: RunReport, r: RequirementVerdict): Outcome | undefined {
  const where = r.tests.length > 0 ? ` (tests: ${r.tests.join(', ')})` : '';
  const why = r.reason ?? '';
  const unjudgedMust = report.certification === true && r.level === 'MUST';
  switch (r.verdict) {
    case 'pass':
      return undefined;
    case 'fail':
      return {
        element: 'failure',
        type: 'tekigo.fail',
        message: `${r.level} ${r.id} failed${where}`,
        body: report.tests
          .filter((t) => r.tests.includes(t.id))
          .flatMap((t) =>
            t.findings
              .filter((f) => f.requirement === r.id && f.verdict === 'fail')
              .flatMap((f) => [`${t.id}:`, ...findingLines(t, f)]),
          )
          .join('\n'),
      };
    case 'error':
      return { element: 'error', type: 'tekigo.error', message: why, body: `${why}${where}` };
    case 'inconclusive':
      return {
        element: r.level === 'MUST' ? 'failure' : 'skipped',
        type: 'tekigo.inconclusive',
        message: why,
        body: `${why}${where}`,
      };
    default:
      return {
        element:
          unjudgedMust && r.verdict !== 'not-applicable' && r.verdict !== 'waived' ? 'failure' : 'skipped',
        type: `tekigo.${r.verdict}`,
        message: r.verdict === 'waived' ? `waived until ${r.waiver?.expires}: ${r.waiver?.reason}` : why,
        body: `${r.verdict}: ${why}${where}`,
      };
  }
}

interface Suite {
  readonly name: string;
  readonly properties: ReadonlyArray<readonly [string, string]>;
  readonly cases: ReadonlyArray<{
    classname: string;
    name: string;
    ms: number;
    outcome: Outcome | undefined;
  }>;
}

function suiteXml(report: RunReport, suite: Suite) {
  const count = (element: Outcome['element']) =>
    suite.cases.filter((c) => c.outcome?.element === element).length;
  const ms = suite.cases.reduce((sum, c) => sum + c.ms, 0);
  const totals = {
    tests: suite.cases.length,
    failures: count('failure'),
    errors: count('error'),
    skipped: count('skipped'),
    ms,
  };
  const properties = suite.properties
    .map(([name, value]) => `\n      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`)
    .join('');
  const cases = suite.cases
    .map(
      (c) =>
        `\n    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="${seconds(c.ms)}">${outcomeXml(c.outcome)}${c.outcome ? '\n    ' : ''}</testcase>`,
    )
    .join('');
  const xml = `  <testsuite name="${escapeXml(suite.name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(ms)}" timestamp="${escapeXml(report.startedAt.replace(/Z$/, ''))}">
    <properties>${properties}
    </properties>${cases}
  </testsuite>
`;
  return { xml, ...totals };
}

/**
 * JUnit XML for CI dashboards, valid against the Jenkins xUnit `junit-10.xsd`. Each test is a
 * suite of one case, so its requirement ids, checks and file travel as `<properties>`; a last
 * suite holds every requirement of the role as one case. The JSON report stays authoritative.
 */
export function toJunitXml(report: RunReport): string {
  const run: ReadonlyArray<readonly [string, string]> = [
    ['role', report.role],
    ['target', report.target],
    ['suiteVersion', report.suiteVersion],
    ['specDigest', report.specDigest],
  ];
  const suites: Suite[] = report.tests.map((t) => ({
    name: `${report.role} ${t.id}`,
    properties: [
      ...t.requirements.map((id) => ['requirement', id] as const),
      ...(t.checks ?? [...new Set(t.findings.flatMap((f) => (f.check ? [f.check] : [])))]).map(
        (c) => ['check', c] as const,
      ),
      ['verdict', t.verdict],
      ['file', t.file],
    ],
    cases: [
      {
        classname: `${report.role}.${t.id}`,
        name: `${t.id} ${t.title}`,
        ms: t.durationMs,
        outcome: testOutcome(report, t),
      },
    ],
  }));
  if (report.requirements.length > 0) {
    suites.push({
      name: `${report.role} requirements`,
      properties: run,
      cases: report.requirements.map((r) => ({
        classname: `${report.role}.requirements`,
        name: `${r.id} (${r.level})`,
        ms: 0,
        outcome: requirementOutcome(report, r),
      })),
    });
  }
  const written = suites.map((s) => suiteXml(report, s));
  const sum = (key: 'tests' | 'failures' | 'errors' | 'ms') => written.reduce((n, s) => n + s[key], 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${escapeXml(`tekigo ${report.role} @ ${report.target}`)}" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" time="${seconds(sum('ms'))}">
${written.map((s) => s.xml).join('')}</testsuites>
`;
}
