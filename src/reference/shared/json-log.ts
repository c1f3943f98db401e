/**
 * Structured log lines. Every entry names the correlation id it concerns and carries ids only,
 * never personal data (names, addresses, dates of birth): callers pass ids and counts.
 */
export interface LogEntry {
  readonly event: string;
  readonly correlationId: string;
  readonly [field: string]: unknown;
}

export type Log = (entry: LogEntry) => void;

export const silentLog: Log = () => {};

/**
 * One JSON object per line on stdout, as the process contract in src/README.md asks; `level` is
 * `info` unless the entry says otherwise (specs/README.md, log contract).
 */
export function stdoutLog(role: string): Log {
  return (entry) => {
    process.stdout.write(
      `${JSON.stringify({ level: 'info', ...entry, role, time: new Date().toISOString() })}\n`,
    );
  };
}
