import type { HeldOperation, ReleasePlan } from './device-gate.ts';

/** How a caller reaches the crypto-device mock's answer gate (over HTTP in a suite, directly in a unit test). */
export interface DeviceGateControl {
  hold(): Promise<void>;
  held(): Promise<readonly HeldOperation[]>;
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
 * of arrival in the reversed rounds), each only once the caller has reacted to the one before (its next operation is
 * held, or, in the last round, the operation is gone). The order of answers is the suite's,
 * never the scheduler's. Returns the operationIds in the order they were answered.
 */
export async function answerOutOfOrder(gate: DeviceGateControl, plan: OutOfOrderPlan): Promise<string[]> {
  const answered: string[] = [];
  const waitUntil = async (
    ok: (held: readonly HeldOperation[]) => boolean,
  ): Promise<readonly HeldOperation[]> => {
    const deadline = performance.now() + plan.stepTimeoutMs;
    for (;;) {
      const held = await gate.held();
      if (ok(held) || performance.now() >= deadline) return held;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  for (let round = 0; round < plan.rounds; round += 1) {
    const last = round === plan.rounds - 1;
    const ids = (await waitUntil((held) => held.length >= plan.width)).map((op) => op.operationId);
    const reversed = (plan.reversedRounds ?? [0]).includes(round);
    for (const id of reversed ? [...ids].reverse() : ids) {
      const before = await gate.held();
      await gate.release({ order: 'arrival', operationIds: [id], gapMs: 0, keepHolding: true });
      answered.push(id);
      const others = before.filter((op) => op.operationId !== id).length;
      await waitUntil((held) =>
        last
          ? !held.some((op) => op.operationId === id)
          : held.length > others && !held.some((op) => op.operationId === id),
      );
    }
  }
  await gate.release({ order: 'arrival', keepHolding: false });
  return answered;
}
