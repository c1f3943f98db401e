import type { ExchangeEntry, LedgerEntry } from '../evidence/ledger-entry.ts';
import type { Finding } from '../report/report-model.ts';
import { eventsWith, parseLogEvents, type TargetLog, withLog } from './log-events.ts';
import { ref } from './record-attempts.ts';

/**
 * GEN-OBS-005: every request the target received (answered, in the suite's ledger) or sent (in a
 * mock's ledger) can be found in its log under that request's correlation id, and no event that
 * names the request's batchId carries another id instead. `ledgers` maps ledger names to entries.
 */
export function checkLogCorrelation(
  log: TargetLog,
  ledgers: Readonly<Record<string, readonly LedgerEntry[]>>,
): Finding {
  const events = parseLogEvents(log.lines);
  const problems: string[] = [];
  const evidence = [];
  let traced = 0;
  for (const [name, entries] of Object.entries(ledgers)) {
    for (const exchange of entries.filter(involvesTarget)) {
      const { correlationId } = exchange;
      if (correlationId === null) continue;
      traced++;
      const label = `${exchange.method} ${exchange.path.split('?')[0]} (${correlationId})`;
      const carrying = eventsWith(events, correlationId);
      const batchId = (exchange.requestBody as { batchId?: unknown } | null)?.batchId;
      const astray =
        typeof batchId === 'string' && batchId !== correlationId
          ? eventsWith(events, batchId).filter((e) => !e.values.has(correlationId))
          : [];
      if (carrying.length === 0) problems.push(`no log event carries the correlation id of ${label}`);
      else if (astray.length > 0)
        problems.push(
          `${astray.length} log event(s) about ${label} name its batchId without its correlation id (line ${astray[0]?.line})`,
        );
      else continue;
      evidence.push(ref(name, exchange));
    }
  }
  if (traced === 0) {
    return {
      requirement: 'GEN-OBS-005',
      verdict: 'inconclusive',
      message: 'no request to or from the target to look for in its log',
      evidence: withLog(log),
    };
  }
  if (problems.length === 0) {
    return {
      requirement: 'GEN-OBS-005',
      verdict: 'pass',
      message: `each of ${traced} request(s) is in the log under its correlation id`,
      evidence: withLog(log),
    };
  }
  return {
    requirement: 'GEN-OBS-005',
    verdict: 'fail',
    message: `${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more request(s))` : ''}`,
    evidence: withLog(log, evidence.slice(0, 5)),
  };
}

/** Requests the target answered, and requests it sent (all of them, failed ones included). */
const involvesTarget = (e: LedgerEntry): e is ExchangeEntry =>
  e.kind === 'exchange' && ((e.to === 'sut' && e.outcome === 'answered') || e.from === 'sut');
