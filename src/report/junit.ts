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
  const requirements = requirementSuite(report);
  const all = {
    tests: report.tests.length + requirements.tests,
    failures: summary.failed + requirements.failures,
    errors: summary.errors + requirements.errors,
    skipped: skipped + requirements.skipped,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tekigo" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}">
  <testsuite name="${escapeXml(`${report.role} @ ${report.target}`)}" tests="${report.tests.length}" failures="${summary.failed}" errors="${summary.errors}" skipped="${skipped}" timestamp="${report.startedAt}">
    <properties>
      <property name="suiteVersion" value="${escapeXml(report.suiteVersion)}"/>
      <property name="specDigest" value="${escapeXml(report.specDigest)}"/>
    </properties>
${tests}
  </testsuite>
${requirements.xml}</testsuites>
`;
}

/**
 * Every requirement of the role as one case, so a dashboard accounts for all of them: a failed
 * one is a failure, one whose test broke an error, and inconclusive, not-applicable, untested
 * or skipped ones are skipped with their reason.
 */
function requirementSuite(report: RunReport) {
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const cases = report.requirements.map((r) => {
    const open = `    <testcase classname="${escapeXml(`${report.role}.requirements`)}" name="${escapeXml(`${r.id} (${r.level})`)}" time="0">`;
    const reason = escapeXml(
      `${r.verdict}${r.reason ? `: ${r.reason}` : ''}${r.tests.length ? ` [${r.tests.join(', ')}]` : ''}`,
    );
    if (r.verdict === 'pass') return `${open}</testcase>`;
    if (r.verdict === 'fail') {
      failures++;
      return `${open}\n      <failure message="${escapeXml(`failed in ${r.tests.join(', ')}`)}"/>\n    </testcase>`;
    }
    if (r.verdict === 'error') {
      errors++;
      return `${open}\n      <error message="${reason}"/>\n    </testcase>`;
    }
    skipped++;
    return `${open}\n      <skipped message="${reason}"/>\n    </testcase>`;
  });
  const xml =
    cases.length === 0
      ? ''
      : `  <testsuite name="${escapeXml(`${report.role} requirements`)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" timestamp="${report.startedAt}">
${cases.join('\n')}
  </testsuite>
`;
  return { tests: cases.length, failures, errors, skipped, xml };
}
