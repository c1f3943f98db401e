/** The longest single sleep; the loop looks at its work again after it, so far-off due times stay exact. */
const MAX_SLEEP_MS = 60_000;
const LOOP_ERROR_PAUSE_MS = 1_000;

/**
 * What a turn of the loop says: `'again'` when it did some work and should look again at once,
 * otherwise when to look again (undefined: only when woken).
 */
export type TurnResult = 'again' | number | undefined;

/**
 * The loop every sending worker of a reference runs: one turn at a time, a sleep until the next
 * due time that `wake()` cuts short, one request in flight that `abandonInFlight()` aborts, and a
 * pause after a turn that threw. What a turn does is the worker's own (`turn()` in a subclass).
 */
export abstract class WorkLoop {
  readonly #onError: (error: unknown) => void;
  #running: Promise<void> | undefined;
  #stopped = false;
  #wakeRequested = false;
  #wake: (() => void) | undefined;
  #inFlight: AbortController | undefined;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** One piece of work, if any is due. */
  protected abstract turn(): Promise<TurnResult>;

  start(): void {
    this.#running ??= this.#loop();
  }

  /** New work or a new peer: look now instead of at the next due time. */
  wake(): void {
    this.#wakeRequested = true;
    this.#wake?.();
  }

  /** Aborts the request in flight (used by reset and stop). */
  abandonInFlight(): void {
    this.#inFlight?.abort();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.abandonInFlight();
    this.wake();
    await this.#running;
  }

  /** Runs one request under an abort signal that `abandonInFlight()` fires. */
  protected async inFlight<T>(
    request: (signal: AbortSignal) => Promise<T>,
  ): Promise<{ result: T; aborted: boolean }> {
    const controller = new AbortController();
    this.#inFlight = controller;
    try {
      const result = await request(controller.signal);
      return { result, aborted: controller.signal.aborted };
    } finally {
      this.#inFlight = undefined;
    }
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      this.#wakeRequested = false;
      try {
        const next = await this.turn();
        if (next !== 'again') await this.#sleep(next);
      } catch (error) {
        this.#onError(error);
        await this.#sleep(Date.now() + LOOP_ERROR_PAUSE_MS);
      }
    }
  }

  async #sleep(untilMs: number | undefined): Promise<void> {
    if (this.#wakeRequested || this.#stopped) return;
    await new Promise<void>((resolve) => {
      const timer =
        untilMs === undefined
          ? undefined
          : setTimeout(resolve, Math.min(MAX_SLEEP_MS, Math.max(0, untilMs - Date.now())));
      // The server keeps the process alive; a sleeping worker must not.
      timer?.unref();
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }
}
