import { setTimeout as sleep } from 'node:timers/promises';

/** One operation the device holds unanswered until the suite releases it. */
export interface HeldOperation {
  readonly operationId: string;
  readonly kind: 'seal' | 'unseal';
  readonly correlationId: string;
}

/** How held operations are released: in the order they arrived or the reverse, with a gap between answers. */
export interface ReleasePlan {
  readonly order: 'arrival' | 'reverse';
  /** Release only these held operations, in this order (then `order` is not used). */
  readonly operationIds?: readonly string[];
  /** Milliseconds between two answers (default 20), so that they reach the caller in this order. */
  readonly gapMs?: number;
  /** Keep holding the operations that arrive after this release (default false). */
  readonly keepHolding?: boolean;
  /**
   * After releasing, wait up to this long for the caller's reaction: a new operation held (the
   * released one led to the next). 0 (the default) answers at once.
   */
  readonly awaitNextMs?: number;
}

type Waiter = HeldOperation & { readonly release: (outcome: 'answer' | 'abandon') => void };

/**
 * The crypto device's answer gate: while holding, every operation waits, and the suite releases
 * the held ones in the order it chooses, with the gaps it chooses. Timing is the suite's, never
 * the scheduler's: an out-of-order test holds N operations, sees N held, then releases them.
 */
export class DeviceGate {
  #holding = false;
  #held: Waiter[] = [];
  /** Callbacks run whenever an operation starts waiting. */
  #onHeld = new Set<() => void>();
  /** Operations held since start: a release waits for this to move. */
  #arrivals = 0;

  hold(): void {
    this.#holding = true;
  }

  get holding(): boolean {
    return this.#holding;
  }

  held(): HeldOperation[] {
    return this.#held.map(({ operationId, kind, correlationId }) => ({ operationId, kind, correlationId }));
  }

  /** Resolves 'answer' at once when not holding, otherwise when released ('abandon' on reset). */
  pass(operation: HeldOperation, signal?: AbortSignal): Promise<'answer' | 'abandon'> {
    if (!this.#holding) return Promise.resolve('answer');
    return new Promise((resolve) => {
      const waiter: Waiter = {
        ...operation,
        release: (outcome) => {
          this.#held = this.#held.filter((w) => w !== waiter);
          resolve(outcome);
        },
      };
      this.#held.push(waiter);
      this.#arrivals += 1;
      for (const notify of [...this.#onHeld]) notify();
      // A caller that gave up no longer counts as held.
      signal?.addEventListener('abort', () => waiter.release('abandon'), { once: true });
    });
  }

  /** Resolves with the held operations once at least `count` are held, or after `waitMs`. */
  heldAtLeast(count: number, waitMs: number): Promise<HeldOperation[]> {
    return this.#until(() => this.#held.length >= count, waitMs).then(() => this.held());
  }

  #until(ok: () => boolean, waitMs: number): Promise<void> {
    if (ok() || waitMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        if (!ok() && performance.now() < deadline) return;
        clearTimeout(timer);
        this.#onHeld.delete(done);
        resolve();
      };
      const deadline = performance.now() + waitMs;
      const timer = setTimeout(() => {
        this.#onHeld.delete(done);
        resolve();
      }, waitMs);
      this.#onHeld.add(done);
    });
  }

  /** Releases every operation held now, in the plan's order; resolves with their ids once all are released. */
  async release(plan: ReleasePlan): Promise<string[]> {
    const batch = plan.operationIds
      ? plan.operationIds.flatMap((id) => this.#held.filter((w) => w.operationId === id))
      : plan.order === 'reverse'
        ? [...this.#held].reverse()
        : [...this.#held];
    if (!plan.keepHolding) this.#holding = false;
    const gapMs = plan.gapMs ?? 20;
    const released: string[] = [];
    for (const [i, waiter] of batch.entries()) {
      if (i > 0 && gapMs > 0) await sleep(gapMs);
      waiter.release('answer');
      released.push(waiter.operationId);
    }
    const arrived = this.#arrivals;
    await this.#until(() => this.#arrivals > arrived, plan.awaitNextMs ?? 0);
    return released;
  }

  /** Stops holding and lets every held operation go unanswered (the mock answers them 503). */
  reset(): void {
    this.#holding = false;
    for (const waiter of [...this.#held]) waiter.release('abandon');
  }
}
