import type { LedgerEntry } from '../../evidence/ledger-entry.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { Finding } from '../report-model.ts';
import { escapeHtml as esc } from './escape-html.ts';
import type { LedgerView } from './report-view.ts';

/** Longest body or datum shown in full; report.json keeps the whole value. */
const MAX_VALUE_CHARS = 20_000;

/** The anchor of one evidence entry: built from positions, never from recorded text. */
export const entryAnchor = (test: number, ledger: number, seq: number): string => `e${test}-${ledger}-${seq}`;

function pre(t: Messages, value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
  const cut = text.length > MAX_VALUE_CHARS;
  const shown = cut ? text.slice(0, MAX_VALUE_CHARS) : text;
  const note = cut ? `\n${t['html.truncated'](MAX_VALUE_CHARS, text.length)}` : '';
  return `<pre>${esc(shown)}${esc(note)}</pre>`;
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : String(value));

function headers(value: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(value ?? {})
    .map(([name, v]) => `${name}: ${v}`)
    .join('\n');
}

function entrySummary(t: Messages, entry: LedgerEntry): string {
  const at = `#${entry.seq} ${t['html.at'](Math.round(entry.startMs))}`;
  switch (entry.kind) {
    case 'exchange': {
      const faults = entry.faults.length > 0 ? ` ⚡ ${entry.faults.join(', ')}` : '';
      const answer = entry.status === null ? entry.outcome : `${entry.status} ${entry.outcome}`;
      return `${at} ${t['html.exchange']}: ${entry.from} → ${entry.to} ${entry.method} ${entry.path} → ${answer} (${t['html.duration'](Number(ms(entry.durationMs)))})${faults}`;
    }
    case 'fault':
      return `${at} ${t['html.fault']}: ${entry.ruleId} ${entry.action}${entry.exchangeSeq === null ? '' : ` (#${entry.exchangeSeq})`}`;
    default:
      return `${at} ${t['html.observation']}: ${entry.source} ${entry.what}`;
  }
}

function validation(t: Messages, entry: LedgerEntry): string {
  if (entry.kind !== 'exchange') return '';
  const parts = (['request', 'response'] as const).flatMap((side) => {
    const outcome = entry.validation?.[side];
    if (!outcome) return [];
    const errors = outcome.errors.map((e) => `  ${e.instancePath || '/'} ${e.message}`).join('\n');
    return [
      `${t[side === 'request' ? 'html.request' : 'html.response']} ${outcome.messageType}: ${outcome.valid ? t['html.valid'] : t['html.invalid']}${errors ? `\n${errors}` : ''}`,
    ];
  });
  return parts.length > 0 ? `<div>${esc(t['html.validation'])}</div>${pre(t, parts.join('\n'))}` : '';
}

function entryBody(t: Messages, entry: LedgerEntry): string {
  switch (entry.kind) {
    case 'exchange':
      return [
        `<div class="muted">${esc(entry.at)} · ${esc(entry.interface ?? '')} · correlation ${esc(entry.correlationId ?? '')}</div>`,
        `<div>${esc(t['html.request'])}</div>`,
        pre(t, `${entry.method} ${entry.path}\n${headers(entry.requestHeaders)}`),
        entry.requestBody === undefined || entry.requestBody === null ? '' : pre(t, entry.requestBody),
        `<div>${esc(t['html.response'])} · ${esc(t['html.outcome'])}: ${esc(entry.outcome)}${entry.error ? ` · ${esc(entry.error)}` : ''}</div>`,
        pre(t, `${entry.status ?? ''}\n${headers(entry.responseHeaders)}`),
        entry.responseBody === undefined || entry.responseBody === null ? '' : pre(t, entry.responseBody),
        entry.faults.length > 0 ? `<div>${esc(t['html.faults'])}: ${esc(entry.faults.join(', '))}</div>` : '',
        validation(t, entry),
      ].join('');
    case 'fault':
      return `<div class="muted">${esc(entry.at)} · ${esc(entry.interface ?? '')}</div>${pre(t, entry.detail)}`;
    default:
      return `<div class="muted">${esc(entry.at)}</div>${pre(t, entry.data)}`;
  }
}

/** Every ledger of a test, each entry folded under a one-line summary. */
export function renderLedgers(t: Messages, test: number, ledgers: readonly LedgerView[]): string {
  const filled = ledgers.filter((l) => l.entries.length > 0);
  if (filled.length === 0) return `<p class="muted">${esc(t['html.noEvidence'])}</p>`;
  return ledgers
    .map((ledger, li) =>
      ledger.entries.length === 0
        ? ''
        : `<h4>${esc(t['html.ledger'](ledger.name, ledger.entries.length))}</h4>${ledger.entries
            .map(
              (entry) =>
                `<details class="entry k-${entry.kind === 'exchange' || entry.kind === 'fault' ? entry.kind : 'observation'}" id="${entryAnchor(test, li, Number(entry.seq))}"><summary>${esc(entrySummary(t, entry))}</summary>${entryBody(t, entry)}</details>`,
            )
            .join('')}`,
    )
    .join('');
}

/** The findings of a test, each with links to the entries it rests on. */
export function renderFindings(
  t: Messages,
  test: number,
  findings: readonly Finding[],
  ledgers: readonly LedgerView[],
  verdictBadge: (verdict: string) => string,
): string {
  if (findings.length === 0) return '';
  const ledgerIndex = new Map(ledgers.map((l, i) => [l.name, i]));
  const refs = (finding: Finding) =>
    finding.evidence
      .map((ref) => {
        const li = ledgerIndex.get(ref.ledger);
        const label = `${ref.ledger} #${ref.seq}${ref.through === undefined ? '' : `–${ref.through}`}`;
        return li === undefined
          ? esc(label)
          : `<a href="#${entryAnchor(test, li, Number(ref.seq))}">${esc(label)}</a>`;
      })
      .join(', ');
  const rows = findings
    .map(
      (f) =>
        `<tr><td class="ids">${esc(f.requirement)}</td><td class="ids">${esc(f.check ?? '')}</td><td>${verdictBadge(f.verdict)}</td><td>${esc(f.message)}</td><td class="ids">${refs(f)}</td></tr>`,
    )
    .join('');
  return `<h4>${esc(t['html.findings'])}</h4><table><thead><tr><th>${esc(t['html.requirement'])}</th><th>${esc(t['html.check'])}</th><th>${esc(t['html.verdict'])}</th><th>${esc(t['html.message'])}</th><th>${esc(t['html.evidence'])}</th></tr></thead><tbody>${rows}</tbody></table>`;
}
