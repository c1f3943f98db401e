import type { ExchangeEntry, LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import {
  anyValueMatches,
  eventsWith,
  type LogEvent,
  parseLogEvents,
  type TargetLog,
  withLog,
} from './log-events.ts';
import { exchangesOf, ref } from './record-attempts.ts';

/**
 * GEN-OBS-006: every failed outbound attempt the mock saw on `iface` is logged under its
 * correlation id with the interface, the peer, the attempt number and the cause. The attempt
 * number is a number under a key containing "attempt" that equals how many times one of the
 * request's records had been sent by then; the cause is the status and the problem type the
 * mock answered, a value mentioning a timeout for a call the target abandoned, or one
 * mentioning the reset for a dropped connection.
 */
export function checkFailedAttemptsLogged(
  log: TargetLog,
  ledger: string,
  entries: readonly LedgerEntry[],
  iface: string,
  peer: string,
): Finding {
  const events = parseLogEvents(log.lines);
  const sent = exchangesOf(entries, iface)
    .filter((e) => e.from === 'sut')
    .sort((a, b) => a.startMs - b.startMs);
  const failed = sent.filter(isFailure);
  if (failed.length === 0) {
    return {
      requirement: 'GEN-OBS-006',
      verdict: 'inconclusive',
      message: `no ${iface} attempt failed`,
      evidence: withLog(log),
    };
  }
  const offenders: { exchange: ExchangeEntry; missing: string[] }[] = [];
  for (const exchange of failed) {
    const carrying = eventsWith(events, exchange.correlationId ?? '');
    if (carrying.length === 0) {
      offenders.push({ exchange, missing: ['any event with its correlation id'] });
      continue;
    }
    const numbers = attemptNumbers(exchange, sent);
    const gaps = carrying.map((event) => missingFrom(event, exchange, iface, peer, numbers));
    const best = gaps.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length > 0) offenders.push({ exchange, missing: best });
  }
  if (offenders.length === 0) {
    return {
      requirement: 'GEN-OBS-006',
      verdict: 'pass',
      message: `${failed.length} failed attempt(s) logged with interface, peer, attempt number and cause`,
      evidence: withLog(
        log,
        failed.slice(0, 5).map((e) => ref(ledger, e)),
      ),
    };
  }
  const first = offenders[0];
  return {
    requirement: 'GEN-OBS-006',
    verdict: 'fail',
    message: `the failed attempt ${first?.exchange.correlationId} (${describeFailure(first?.exchange)}) is logged without ${first?.missing.join(', ')}${offenders.length > 1 ? ` (${offenders.length} failed attempts fall short)` : ''}`,
    evidence: withLog(
      log,
      offenders.slice(0, 5).map((o) => ref(ledger, o.exchange)),
    ),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function recordIdsOf(exchange: ExchangeEntry): string[] {
  const records = (exchange.requestBody as { records?: unknown } | null)?.records;
  return Array.isArray(records)
    ? records.flatMap((r) => (isRecord(r) && typeof r.recordId === 'string' ? [r.recordId] : []))
    : [];
}

/** A whole request that failed from the sender's side: no answer, an error status, or a 200 without a result per record. */
function isFailure(exchange: ExchangeEntry): boolean {
  if (exchange.outcome !== 'answered' || exchange.status !== 200) return true;
  const results = (exchange.responseBody as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) return true;
  const answered = new Set(results.flatMap((r) => (isRecord(r) ? [r.recordId] : [])));
  return recordIdsOf(exchange).some((id) => !answered.has(id));
}

/** For each record of the request, how many times it had been sent up to and including this request. */
function attemptNumbers(exchange: ExchangeEntry, sent: readonly ExchangeEntry[]): Set<number> {
  const upTo = sent.filter((e) => e.startMs <= exchange.startMs);
  return new Set(recordIdsOf(exchange).map((id) => upTo.filter((e) => recordIdsOf(e).includes(id)).length));
}

function missingFrom(
  event: LogEvent,
  exchange: ExchangeEntry,
  iface: string,
  peer: string,
  attemptNumbers: ReadonlySet<number>,
): string[] {
  const missing: string[] = [];
  if (!event.values.has(iface)) missing.push('the interface');
  if (!event.values.has(peer)) missing.push('the peer');
  if (!event.numbers.some((n) => /attempt/i.test(n.key) && attemptNumbers.has(n.value)))
    missing.push(`the attempt number (${[...attemptNumbers].join(' or ')})`);
  missing.push(...missingCause(event, exchange));
  return missing;
}

function missingCause(event: LogEvent, exchange: ExchangeEntry): string[] {
  if (exchange.outcome === 'aborted')
    return anyValueMatches(event, /time(d)?[\s-]?out/i) ? [] : ['the cause (a timeout)'];
  if (exchange.outcome !== 'answered')
    return anyValueMatches(event, /reset|ECONN|socket|closed|network/i) ? [] : ['the cause (the reset)'];
  const missing = event.values.has(String(exchange.status)) ? [] : [`the status ${exchange.status}`];
  const type = (exchange.responseBody as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && !event.values.has(type)) missing.push(`the problem type ${type}`);
  return missing;
}

function describeFailure(exchange: ExchangeEntry | undefined): string {
  if (!exchange) return '';
  if (exchange.outcome === 'aborted') return 'abandoned by the target';
  if (exchange.outcome !== 'answered') return 'connection dropped';
  return `answered ${exchange.status}`;
}
