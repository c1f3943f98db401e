/**
 * `npx tsx test-env/bench/report-findings.ts REPORT.json [BEFORE.json]`: whether every finding of a
 * report names its check and the evidence entries it read, how many are still inline judgements
 * (`<test id>:inline`), and, given an earlier report of the same role, whether both hold the same
 * test ids and requirement ids. Exits 1 when a finding names no check or no evidence, or the ids differ.
 */
import { readFileSync } from 'node:fs';

interface Report {
  readonly tests: readonly {
    readonly id: string;
    readonly requirements: readonly string[];
    readonly findings: readonly { requirement: string; check?: string; evidence?: readonly unknown[] }[];
  }[];
}

const [path, beforePath] = process.argv.slice(2);
if (!path) {
  console.error('report-findings: name a report.json (and optionally an earlier one to compare ids with)');
  process.exit(2);
}
const load = (file: string): Report => JSON.parse(readFileSync(file, 'utf8')) as Report;
const ids = (report: Report) => ({
  tests: report.tests.map((t) => t.id).sort(),
  requirements: [...new Set(report.tests.flatMap((t) => t.requirements))].sort(),
  concluded: [...new Set(report.tests.flatMap((t) => t.findings.map((f) => f.requirement)))].sort(),
});

const report = load(path);
const findings = report.tests.flatMap((t) => t.findings.map((f) => ({ test: t.id, ...f })));
const unnamed = findings.filter((f) => !f.check || !f.evidence?.length);
const inline = findings.filter((f) => f.check?.endsWith(':inline'));
const checks = new Set(findings.map((f) => f.check).filter((c) => c && !c.endsWith(':inline')));
console.log(
  `${findings.length} findings in ${report.tests.length} tests: ${unnamed.length} without a check or evidence, ${inline.length} inline, ${findings.length - inline.length} from ${checks.size} check definitions`,
);
for (const f of unnamed)
  console.log(
    `  ${f.test} ${f.requirement}: check ${f.check ?? 'none'}, ${f.evidence?.length ?? 0} evidence entries`,
  );
let same = true;
if (beforePath) {
  const [now, then] = [ids(report), ids(load(beforePath))];
  for (const key of ['tests', 'requirements', 'concluded'] as const) {
    const lost = then[key].filter((id) => !now[key].includes(id));
    const added = now[key].filter((id) => !then[key].includes(id));
    same &&= lost.length === 0 && added.length === 0;
    console.log(
      `${key}: ${now[key].length} now, ${then[key].length} before; lost ${JSON.stringify(lost)}, added ${JSON.stringify(added)}`,
    );
  }
}
process.exit(unnamed.length === 0 && same ? 0 : 1);
