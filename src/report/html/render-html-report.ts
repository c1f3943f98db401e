import { createHash } from 'node:crypto';
import type { Lang } from '../../i18n/lang.ts';
import { type Messages, messages, roleName, verdictWord } from '../../i18n/messages.ts';
import { ROLES } from '../../spec/roles.ts';
import { VERDICTS } from '../report-model.ts';
import { escapeHtml as esc } from './escape-html.ts';
import { REPORT_CSS, REPORT_SCRIPT } from './html-assets.ts';
import { renderFindings, renderLedgers } from './render-evidence.ts';
import type { ReportView, RequirementRow, TestView } from './report-view.ts';

/** Every outcome a requirement or test can have, in the order the report's columns show them. */
const OUTCOMES: readonly string[] = [
  'pass',
  'fail',
  'inconclusive',
  'error',
  'not-applicable',
  'skipped',
  'untested',
];
const KNOWN: ReadonlySet<string> = new Set<string>([...VERDICTS, 'untested']);

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function badge(t: Messages, verdict: string, big = false): string {
  const known = KNOWN.has(verdict) ? verdict : 'other';
  return `<span class="v v-${known}${big ? ' big' : ''}">${esc(verdictWord(t, verdict))}</span>`;
}

const table = (head: readonly string[], rows: readonly string[], numeric: readonly number[] = []): string =>
  `<table><thead><tr>${head
    .map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;

function facts(t: Messages, view: ReportView): string {
  const rows: [string, string][] = [
    [t['html.role'], `${roleName(t, view.role)} (${view.role})`],
    [t['html.target'], view.target],
    [t['html.environment'], view.environment],
    [t['html.specDigest'], view.specDigest],
    [t['html.suiteVersion'], view.suiteVersion],
    [t['html.tool'], view.tool],
    [t['html.startedAt'], view.startedAt],
    [t['html.finishedAt'], view.finishedAt],
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

function counts(t: Messages, byOutcome: Readonly<Record<string, number>>): string {
  const rows = OUTCOMES.filter((o) => (byOutcome[o] ?? 0) > 0).map(
    (o) => `<tr><td>${badge(t, o)}</td><td class="num">${byOutcome[o]}</td></tr>`,
  );
  const total = Object.values(byOutcome).reduce((a, b) => a + b, 0);
  rows.push(`<tr><th>${esc(t['html.total'])}</th><td class="num">${total}</td></tr>`);
  return `<table>${rows.join('')}</table>`;
}

function summary(t: Messages, view: ReportView): string {
  const judged = ['pass', 'fail', 'inconclusive'].reduce((n, v) => n + (view.requirementCounts[v] ?? 0), 0);
  const failed =
    view.failedRequirements.length > 0
      ? `<span class="ids">${view.failedRequirements.map(esc).join(', ')}</span>`
      : esc(t['html.none']);
  const aborted = view.aborted
    ? `<p class="alert">${esc(t['html.aborted'](view.aborted.code))}: ${esc(view.aborted.message)}</p>${renderLedgers(t, -1, view.aborted.ledgers)}`
    : '';
  return `<section id="summary"><h2>${esc(t['html.summary'])}</h2>${aborted}<div class="cards">
<div class="card"><h3>${esc(t['html.runVerdict'])}</h3>${badge(t, view.verdict, true)}<p>${esc(t['html.failedRequirements'])}: ${failed}</p></div>
<div class="card"><h3>${esc(t['html.testCounts'])}</h3>${counts(t, view.testCounts)}</div>
<div class="card"><h3>${esc(t['html.requirementCounts'])}</h3><p>${esc(t['html.judged'])}: ${judged}</p>${counts(t, view.requirementCounts)}</div>
</div><details><summary>${esc(t['html.runFacts'])}</summary>${facts(t, view)}<h3>${esc(t['html.capabilities'])}</h3><pre>${esc(JSON.stringify(view.capabilities, null, 2) ?? 'null')}</pre></details></section>`;
}

const statementOf = (lang: Lang, r: RequirementRow): string =>
  (lang === 'ja' ? (r.statementJa ?? r.statement) : r.statement) ?? '';

function byRole(t: Messages, lang: Lang, view: ReportView): string {
  const head = [
    t['html.requirement'],
    t['html.level'],
    ...ROLES.map((role) => roleName(t, role)),
    t['html.statement'],
    t['html.tests'],
    t['html.reason'],
  ];
  const rows = view.requirements.map((r) => {
    const cells = ROLES.map((role) =>
      role === view.role
        ? `<td>${badge(t, r.verdict)}</td>`
        : `<td class="muted">${r.roles.includes(role) ? '●' : ''}</td>`,
    ).join('');
    return `<tr data-filter="requirement" data-verdict="${esc(r.verdict)}" data-requirements="${esc(r.id)}"><td class="ids">${esc(r.id)}</td><td>${esc(r.level)}</td>${cells}<td>${esc(statementOf(lang, r))}</td><td class="ids">${r.tests.map(esc).join(' ')}</td><td class="muted">${esc(r.reason ?? '')}</td></tr>`;
  });
  return `<h3>${esc(t['html.byRole'](roleName(t, view.role)))} <span class="muted" data-count="requirement" data-template="${esc(t['html.shown']('{shown}', '{total}'))}"></span></h3>${table(head, rows)}`;
}

function outcomeCells(rows: readonly RequirementRow[]): string {
  return OUTCOMES.map((o) => {
    const n = rows.filter((r) => r.verdict === o).length;
    return `<td class="num">${n === 0 ? '' : n}</td>`;
  }).join('');
}

function groupTable(
  t: Messages,
  label: string,
  groups: readonly [string, readonly RequirementRow[]][],
): string {
  const head = [label, ...OUTCOMES.map((o) => verdictWord(t, o)), t['html.requirement']];
  const rows = groups.map(
    ([name, rs]) =>
      `<tr><td>${esc(name)}</td>${outcomeCells(rs)}<td class="ids">${rs.map((r) => `<span class="v v-${KNOWN.has(r.verdict) ? r.verdict : 'other'}" title="${esc(verdictWord(t, r.verdict))}">${esc(r.id)}</span>`).join(' ')}</td></tr>`,
  );
  return table(
    head,
    rows,
    OUTCOMES.map((_, i) => i + 1),
  );
}

function matrix(t: Messages, lang: Lang, view: ReportView): string {
  const families = new Map<string, RequirementRow[]>();
  for (const r of view.requirements) families.set(r.family, [...(families.get(r.family) ?? []), r]);
  const incidents: [string, RequirementRow[]][] = view.incidents.map((i) => [
    `${i.id} (${i.year ?? ''}) ${lang === 'ja' ? (i.titleJa ?? i.title) : i.title}`,
    view.requirements.filter((r) => r.incidents.includes(i.id)),
  ]);
  const unsourced = view.requirements.filter((r) => r.incidents.length === 0);
  if (unsourced.length > 0) incidents.push([t['html.noIncident'], unsourced]);
  return `<section id="matrix"><h2>${esc(t['html.matrix'])}</h2>
<h3>${esc(t['html.byIncident'])}</h3>${groupTable(t, t['html.incident'], incidents)}
<h3>${esc(t['html.byFamily'])}</h3>${groupTable(t, t['html.family'], [...families])}
${byRole(t, lang, view)}</section>`;
}

function filters(t: Messages, view: ReportView): string {
  const options = OUTCOMES.map((o) => `<option value="${esc(o)}">${esc(verdictWord(t, o))}</option>`).join(
    '',
  );
  const ids = view.requirements.map((r) => `<option value="${esc(r.id)}"></option>`).join('');
  return `<nav id="filters" aria-label="${esc(t['html.filters'])}"><strong>${esc(t['html.filters'])}</strong>
<label>${esc(t['html.filterVerdict'])} <select id="f-verdict"><option value="">${esc(t['html.all'])}</option>${options}</select></label>
<label>${esc(t['html.filterRequirement'])} <input id="f-requirement" list="f-requirement-ids" placeholder="GEN-SEND"></label><datalist id="f-requirement-ids">${ids}</datalist>
<label>${esc(t['html.filterText'])} <input id="f-text" type="search"></label></nav>`;
}

function testBlock(t: Messages, test: TestView, index: number): string {
  const failed = test.failedRequirements.length > 0 ? ` [${test.failedRequirements.join(', ')}]` : '';
  const head = `${badge(t, test.verdict)} <span class="ids">${esc(test.id)}</span> ${esc(test.title)} <span class="muted">(${esc(t['html.duration'](test.durationMs))})${esc(failed)}</span>`;
  const body = [
    `<p class="muted ids">${esc(test.file)} · ${test.requirements.map(esc).join(' ')}</p>`,
    test.message ? `<h4>${esc(t['html.message'])}</h4><pre>${esc(test.message)}</pre>` : '',
    renderFindings(t, index, test.findings, test.ledgers, (v) => badge(t, v)),
    `<h4>${esc(t['html.evidence'])}</h4>`,
    renderLedgers(t, index, test.ledgers),
  ].join('');
  return `<details class="test" data-filter="test" data-verdict="${esc(test.verdict)}" data-requirements="${esc(test.requirements.join(' '))}"><summary>${head}</summary><div>${body}</div></details>`;
}

/** One self-contained page: no external resource, the style and script inline and pinned by hash. */
export function renderHtmlReport(view: ReportView, lang: Lang): string {
  const t = messages(lang);
  const title = t['html.title'](roleName(t, view.role), view.target);
  // Our own constant and base64 hashes: nothing in it needs escaping inside the double quotes.
  const csp = `default-src 'none'; style-src ${sha256(REPORT_CSS)}; script-src ${sha256(REPORT_SCRIPT)}; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1></header>
<main>
${summary(t, view)}
${filters(t, view)}
${matrix(t, lang, view)}
<section id="tests"><h2>${esc(t['html.tests'])} <span class="muted" data-count="test" data-template="${esc(t['html.shown']('{shown}', '{total}'))}"></span></h2>
${view.tests.map((test, i) => testBlock(t, test, i)).join('\n')}
</section>
</main>
<footer>${esc(t['html.generated'](view.suiteVersion))}</footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
