import type { EvidenceRef } from '../report/report-model.ts';

/**
 * What a target wrote to its log, and where the suite recorded those lines so a verdict can be
 * re-judged offline. The spec fixes no log field names (the process contract only says each
 * line is a JSON event with the correlation id of the request it concerns), so the log checks
 * look for values anywhere in an event, never for particular keys, except where noted.
 */
export interface TargetLog {
  readonly lines: readonly string[];
  readonly ref?: EvidenceRef;
}

export interface LogEvent {
  /** Index of the line in `TargetLog.lines`. */
  readonly line: number;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Every string and finite number anywhere in the event, numbers written in decimal. */
  readonly values: ReadonlySet<string>;
  /** Every number anywhere in the event, with the key it sits under. */
  readonly numbers: readonly { readonly key: string; readonly value: number }[];
}

/** The JSON-object lines of a log; any other line (stderr output, a banner) is not an event. */
export function parseLogEvents(lines: readonly string[]): LogEvent[] {
  const events: LogEvent[] = [];
  lines.forEach((text, line) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(parsed)) return;
    const values = new Set<string>();
    const numbers: { key: string; value: number }[] = [];
    walk(parsed, '', values, numbers);
    events.push({ line, fields: parsed, values, numbers });
  });
  return events;
}

/**
 * A JSON line re-serialised, which writes non-ASCII text as itself and undoes needless escapes
 * (`\u002d` for `-`), so a search finds a value however the line escaped it; '' for any other line.
 */
export function decodedLine(line: string): string {
  try {
    return JSON.stringify(JSON.parse(line));
  } catch {
    return '';
  }
}

/** The events that carry `value` somewhere. */
export function eventsWith(events: readonly LogEvent[], value: string): LogEvent[] {
  return events.filter((e) => e.values.has(value));
}

/** True when some value of the event matches the pattern. */
export function anyValueMatches(event: LogEvent, pattern: RegExp): boolean {
  return [...event.values].some((v) => pattern.test(v));
}

/** Evidence for a finding: the recorded log lines, when they were recorded, plus `others`. */
export function withLog(log: TargetLog, others: readonly EvidenceRef[] = []): EvidenceRef[] {
  return log.ref ? [...others, log.ref] : [...others];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(
  value: unknown,
  key: string,
  values: Set<string>,
  numbers: { key: string; value: number }[],
): void {
  if (typeof value === 'string') values.add(value);
  else if (typeof value === 'number' && Number.isFinite(value)) {
    values.add(String(value));
    numbers.push({ key, value });
  } else if (Array.isArray(value)) for (const item of value) walk(item, key, values, numbers);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, k, values, numbers);
}
