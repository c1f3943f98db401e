import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { findingLines } from './evidence-summary.ts';
import type { RunReport, Waiver } from './report-model.ts';

/** GitHub refuses a job summary over 1 MiB; GitLab notes stop at 1,000,000 characters. */
const MAX_CHARS = 900_000;

const cell = (text: string): string =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .slice(0, 300);
const OUTCOMES = ['pass', 'fail', 'error', 'waived', 'inconclusive'] as const;

const waiverRow = (w: Waiver): string =>
  `| ${cell(w.test ?? w.requirement ?? '')} | ${cell(w.reason)} | ${cell(w.link)} | ${w.expires} |`;

/**
 * A Markdown summary of a run for a CI job summary or a merge-request comment: the outcome, the
 * requirement counts, every failed requirement with its finding, MUSTs not shown to hold, the
 * waivers, and the failing tests' evidence in collapsed sections.
 */
export function toMarkdownSummary(report: RunReport, lang: Lang = 'en'): string {
  const m = messages(lang);
  const outcome = (OUTCOMES as readonly string[]).includes(report.verdict)
    ? m[`md.outcome.${report.verdict as (typeof OUTCOMES)[number]}`]
    : report.verdict;
  const c = report.coverage;
  const failed = report.requirements.filter((r) => r.verdict === 'fail');
  const openMusts = report.requirements.filter(
    (r) => r.level === 'MUST' && (r.verdict === 'inconclusive' || r.verdict === 'error'),
  );
  const lines = [
    `## tekigo: ${report.role} @ ${report.target} — ${outcome}`,
    '',
    `Spec \`${report.specDigest}\` · tekigo ${report.suiteVersion} · ${report.environment} · ${report.startedAt} → ${report.finishedAt}${report.certification ? ` · **${m['md.certification']}**` : ''}`,
    '',
    m['md.countsHeader'],
    '|---|---|---|---|---|---|---|---|',
    `| ${report.tests.length} | ${report.summary.passed} | ${report.summary.failed} | ${report.summary.errors} | ${report.summary.inconclusive} | ${report.summary.notApplicable} | ${report.summary.skipped} | ${report.summary.waived ?? 0} |`,
    '',
  ];
  if (c) {
    lines.push(
      m['md.requirements']({ ...c, skipped: c.skipped ?? 0, error: c.error ?? 0, waived: c.waived ?? 0 }),
      '',
    );
  }
  if (report.aborted)
    lines.push(`> **${m['md.stopped']}:** ${report.aborted.code}: ${cell(report.aborted.message)}`, '');
  if (failed.length > 0) {
    lines.push(`### ${m['md.failed']}`, '', m['md.failedHeader'], '|---|---|---|---|');
    for (const r of failed) {
      const first = report.tests
        .filter((t) => r.tests.includes(t.id))
        .flatMap((t) => t.findings.filter((f) => f.requirement === r.id && f.verdict === 'fail'))[0];
      lines.push(
        `| ${r.id} | ${r.level} | ${r.tests.join(', ')} | ${cell(first?.message ?? r.reason ?? '')} |`,
      );
    }
    lines.push('');
  }
  if (openMusts.length > 0) {
    lines.push(`### ${m['md.openMusts']}`, '', m['md.openHeader'], '|---|---|---|');
    for (const r of openMusts) lines.push(`| ${r.id} | ${r.verdict} | ${cell(r.reason ?? '')} |`);
    lines.push('');
  }
  const w = report.waivers;
  if (w && w.applied.length + w.stale.length + w.expired.length > 0) {
    lines.push(`### ${m['md.waivers']} (${w.file})`, '');
    for (const [title, list] of [
      [m['md.waivers.applied'], w.applied],
      [m['md.waivers.expired'], w.expired],
      [m['md.waivers.stale'], w.stale],
    ] as const) {
      if (list.length === 0) continue;
      lines.push(`**${title}**`, '', m['md.waiverHeader'], '|---|---|---|---|');
      lines.push(...list.map(waiverRow), '');
    }
  }
  const broken = report.tests.filter((t) => t.verdict === 'fail' || t.verdict === 'error');
  for (const t of broken) {
    const body = t.findings.filter((f) => f.verdict === 'fail').flatMap((f) => findingLines(t, f));
    lines.push(
      `<details><summary>${t.verdict === 'fail' ? '❌' : '⚠️'} ${t.id} ${escapeHtml(t.title)}</summary>`,
      '',
      '```text',
      ...(body.length > 0 ? body : [t.message]).map((l) => l.replace(/```/g, "'''")),
      '```',
      '</details>',
      '',
    );
  }
  const text = `${lines.join('\n')}\n`;
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS)}\n\n${m['md.cut']}\n`;
}

const escapeHtml = (s: string): string =>
  s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);
