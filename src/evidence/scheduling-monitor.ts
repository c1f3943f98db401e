import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The `what` of the observation that records a window's scheduling delay. */
export const SCHEDULING_DELAY = 'scheduling-delay';

/** How often the harness samples its own event loop, ms. */
const RESOLUTION_MS = 10;

/**
 * How late the harness's own timers ran over a window, in ms: what a loaded machine adds to every
 * duration tekigo measures. The target, when tekigo launched it, shares the same processors, so a
 * delay seen here is also time the target may not have been scheduled.
 */
export interface SchedulingDelay {
  /** Monotonic ms (ledger time) the window started and its length. */
  readonly sinceMs: number;
  readonly windowMs: number;
  /** Event-loop delay samples in the window (one per tick that ran). */
  readonly samples: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /**
   * The figure a time-bound judgement adds to its upper bound: the longest gap between two ticks
   * beyond the sampling interval itself, rounded up.
   */
  readonly delayMs: number;
}

const ns = (value: number): number => Math.round(value / 1e4) / 100;

/**
 * Samples the event-loop delay of the process it runs in (`perf_hooks.monitorEventLoopDelay`)
 * from `start()` on; `read()` gives the figures of the window so far without ending it. A process
 * that is not scheduled at all (a starved processor) shows it too: its next tick comes that late.
 */
export class SchedulingMonitor {
  readonly #histogram: ReturnType<typeof monitorEventLoopDelay> = monitorEventLoopDelay({
    resolution: RESOLUTION_MS,
  });
  #clock: () => number = () => performance.now();
  #since = 0;

  /** Starts a window; `clock` gives monotonic ms (a ledger's `now`), so it lines up with the evidence. */
  start(clock: () => number = () => performance.now()): void {
    this.#clock = clock;
    this.#histogram.reset();
    this.#histogram.enable();
    this.#since = clock();
  }

  read(): SchedulingDelay {
    const h = this.#histogram;
    const windowMs = Math.max(0, this.#clock() - this.#since);
    const samples = h.count;
    const maxMs = samples > 0 ? ns(h.max) : 0;
    const meanMs = samples > 0 ? ns(h.mean) : 0;
    return {
      sinceMs: Math.round(this.#since * 100) / 100,
      windowMs: Math.round(windowMs * 100) / 100,
      samples,
      maxMs,
      p99Ms: samples > 0 ? ns(h.percentile(99)) : 0,
      meanMs,
      // Each sample is the time between two ticks, the sampling interval included.
      delayMs: Math.ceil(Math.max(0, maxMs - RESOLUTION_MS)),
    };
  }

  stop(): SchedulingDelay {
    const figures = this.read();
    this.#histogram.disable();
    return figures;
  }
}
