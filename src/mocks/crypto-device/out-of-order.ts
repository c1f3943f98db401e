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
  /** Gives up waiting for the next operation after this long (a message that failed makes none). */
  readonly stepTimeoutMs: number;
}

/**
 * Makes the device answer concurrent operations out of order, deterministically: every round
 * waits until `width` operations are held, then releases them one at a time (in reverse order
 * of arrival in the reversed rounds), each only once the caller has reacted to the one before:
 * its next operation is held (in the last round there is none). The order of answers is the suite's,
 * never the scheduler's. Returns the operationIds in the order they were answered.
 */
export async function answerOutOfOrder(gate: DeviceGateControl, plan: OutOfOrderPlan): Promise<string[]> {
  const answered: string[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    const last = round === plan.rounds - 1;
    const ids = (await gate.held(plan.width, plan.stepTimeoutMs)).map((op) => op.operationId);
    const reversed = (plan.reversedRounds ?? [0]).includes(round);
    for (const id of reversed ? [...ids].reverse() : ids) {
      await gate.release({
        order: 'arrival',
        operationIds: [id],
        gapMs: 0,
        keepHolding: true,
        awaitNextMs: last ? 0 : plan.stepTimeoutMs,
      });
      answered.push(id);
    }
  }
  await gate.release({ order: 'arrival', keepHolding: false });
  return answered;
}
