import type { HeldOperation, ReleasePlan } from './device-gate.ts';

/** How a caller reaches the crypto-device mock's answer gate (over HTTP in a suite, directly in a unit test). */
export interface DeviceGateControl {
  hold(): Promise<void>;
  /** The held operations once at least `count` are held, or after `waitMs`. */
  held(count?: number, waitMs?: number): Promise<readonly HeldOperation[]>;
  release(plan: ReleasePlan): Promise<void>;
}

export interface OutOfOrderPlan {
  /** How many operations are in flight together in each round (one per message). */
  readonly width: number;
  /** Device operations each message makes in turn (the relay: seal, unseal, seal, unseal). */
  readonly rounds: number;
  /**
   * The rounds answered in reverse order (default: the first only); the others are answered in
   * order, so that a mix-up made in one round is not undone by the same reversal in the next.
   */
  readonly reversedRounds?: readonly number[];
  /** Gives up waiting for a round's operations after this long (a message that failed makes none). */
  readonly stepTimeoutMs: number;
  /** Milliseconds between two answers of a round, so they reach the caller in that order (default 20). */
  readonly gapMs?: number;
}

/**
 * Makes the device answer concurrent operations out of order, deterministically: every round
 * waits until `width` operations are held (one per message), then answers all of them in one
 * release, in reverse order of arrival in the reversed rounds and in arrival order in the others,
 * `gapMs` apart. The order of answers is the suite's, never the scheduler's, and no operation
 * waits for another message to move on: the caller's own timeout (requestTimeoutMs) runs only
 * while a round fills, however loaded the machine. Returns the operationIds in the order answered.
 */
export async function answerOutOfOrder(gate: DeviceGateControl, plan: OutOfOrderPlan): Promise<string[]> {
  const answered: string[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    const ids = (await gate.held(plan.width, plan.stepTimeoutMs)).map((op) => op.operationId);
    const order = (plan.reversedRounds ?? [0]).includes(round) ? [...ids].reverse() : ids;
    await gate.release({
      order: 'arrival',
      operationIds: order,
      gapMs: plan.gapMs ?? 20,
      keepHolding: round < plan.rounds - 1,
    });
    answered.push(...order);
  }
  await gate.release({ order: 'arrival', keepHolding: false });
  return answered;
}
