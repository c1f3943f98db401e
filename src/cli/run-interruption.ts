/**
 * The signal path of `tekigo run`. SIGINT (Ctrl-C) or SIGTERM stops the run: no further test
 * starts, the running one ends, every party tekigo launched is stopped by its suite's teardown,
 * a partial report is written (`aborted.code` INTERRUPTED) and tekigo exits 130 (SIGINT) or 143
 * (SIGTERM). A second signal, or a teardown that takes longer than `graceMs`, ends tekigo at once
 * with the same code, after writing the report of the tests finished so far; every launched
 * process is still killed on the way out (process exit handlers of the launchers).
 *
 * `npx tekigo run` / `npm exec`: npm ends on SIGTERM without passing it on, which would leave the
 * run orphaned. tekigo therefore also treats the end of its parent process (it is re-parented)
 * as a SIGTERM.
 */
export interface RunInterruption {
  /** The signal received, once one was. */
  readonly signal: NodeJS.Signals | null;
  /** 130 after SIGINT, 143 after SIGTERM, null while no signal arrived. */
  readonly exitCode: 130 | 143 | null;
  /** Called once, on the first signal. */
  onInterrupt(listener: (signal: NodeJS.Signals) => void): void;
  /** Called synchronously just before a forced exit (second signal, or the grace ran out). */
  beforeForcedExit(hook: (signal: NodeJS.Signals) => void): void;
  /** Removes the handlers; the process's default signal handling is back. */
  dispose(): void;
}

export const EXIT_CODE_OF_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export interface WatchOptions {
  readonly progress: (line: string) => void;
  /** How long the run may take to wind down after the first signal. Default 10 000 ms. */
  readonly graceMs?: number;
  /** How to end the process when the grace runs out or a second signal comes; tests replace it. */
  readonly exit?: (code: number) => void;
  /** How often to check that the parent process is still there. Default 500 ms; 0 turns it off. */
  readonly parentCheckMs?: number;
}

export function watchInterruption(options: WatchOptions): RunInterruption {
  const listeners: ((signal: NodeJS.Signals) => void)[] = [];
  const hooks: ((signal: NodeJS.Signals) => void)[] = [];
  const end = options.exit ?? ((code: number) => process.exit(code));
  const exit = (code: number) => {
    for (const hook of hooks) {
      try {
        hook(signal as NodeJS.Signals);
      } catch (error) {
        options.progress(`tekigo: could not write the partial report: ${(error as Error).message}`);
      }
    }
    end(code);
  };
  let signal: NodeJS.Signals | null = null;
  let timer: NodeJS.Timeout | undefined;
  const handle = (received: 'SIGINT' | 'SIGTERM') => {
    if (signal !== null) {
      options.progress(`tekigo: ${received} again; stopping at once`);
      exit(EXIT_CODE_OF_SIGNAL[received]);
      return;
    }
    signal = received;
    options.progress(
      `tekigo: ${received} received; stopping the run (no new test starts, launched processes are stopped, a partial report is written)`,
    );
    timer = setTimeout(() => {
      options.progress(
        `tekigo: the run did not wind down within ${options.graceMs ?? 10_000} ms; stopping at once`,
      );
      exit(EXIT_CODE_OF_SIGNAL[received]);
    }, options.graceMs ?? 10_000);
    timer.unref();
    for (const listener of listeners) listener(received);
  };
  const onInt = () => handle('SIGINT');
  const onTerm = () => handle('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const parent = process.ppid;
  const parentCheckMs = options.parentCheckMs ?? 500;
  const watch =
    parentCheckMs > 0
      ? setInterval(() => {
          if (process.ppid === parent || signal !== null) return;
          options.progress(
            `tekigo: the process that started tekigo (pid ${parent}) ended; treating it as SIGTERM`,
          );
          handle('SIGTERM');
        }, parentCheckMs)
      : undefined;
  watch?.unref();
  return {
    get signal() {
      return signal;
    },
    get exitCode() {
      return signal === null ? null : EXIT_CODE_OF_SIGNAL[signal as 'SIGINT' | 'SIGTERM'];
    },
    onInterrupt(listener) {
      listeners.push(listener);
    },
    beforeForcedExit(hook) {
      hooks.push(hook);
    },
    dispose() {
      clearTimeout(timer);
      clearInterval(watch);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
