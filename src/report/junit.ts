import type { RunReport } from './report-model.ts';

const escapeXml = (s: string): string =>
  s
    .replace(
      /[<>&"']/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
    )
    // XML 1.0 forbids most control characters even when escaped; they are exactly what this matches.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML for CI dashboards; the JSON report stays the authoritative evidence. */
export function toJunitXml(report: RunReport): string {
  const { summary } = report;
  const tests = report.tests
    .map((t) => {
      const name = escapeXml(`${t.title} [${t.requirements.join(', ')}]`);
      const open = `    <testcase classname="${escapeXml(`${report.role}.${t.id}`)}" name="${name}" time="${(t.durationMs / 1000).toFixed(3)}">`;
      let body = '';
      if (t.verdict === 'fail') {
        body = `\n      <failure message="${escapeXml(`${t.failedRequirements.join(', ')}: ${t.message}`)}"/>\n    `;
      } else if (t.verdict === 'error') {
        body = `\n      <error message="${escapeXml(t.message)}"/>\n    `;
      } else if (t.verdict === 'skipped' || t.verdict === 'not-applicable' || t.verdict === 'inconclusive') {
        body = `\n      <skipped message="${escapeXml(`${t.verdict}: ${t.message}`)}"/>\n    `;
      }
      return `${open}${body}</testcase>`;
    })
    .join('\n');
  const skipped = summary.skipped + summary.notApplicable + summary.inconclusive;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tekigo" tests="${report.tests.length}" failures="${summary.failed}" errors="${summary.errors}" skipped="${skipped}">
  <testsuite name="${escapeXml(`${report.role} @ ${report.target}`)}" tests="${report.tests.length}" failures="${summary.failed}" errors="${summary.errors}" skipped="${skipped}" timestamp="${report.startedAt}">
    <properties>
      <property name="suiteVersion" value="${escapeXml(report.suiteVersion)}"/>
      <property name="specDigest" value="${escapeXml(report.specDigest)}"/>
    </properties>
${tests}
  </testsuite>
</testsuites>
`;
}
