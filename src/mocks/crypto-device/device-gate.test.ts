import { describe, expect, it } from 'vitest';
import { DeviceGate } from './device-gate.ts';

const op = (operationId: string) => ({
  operationId,
  kind: 'seal' as const,
  correlationId: `c-${operationId}`,
});

describe('DeviceGate', () => {
  it('passes at once when not holding, holds when asked, releases in the chosen order', async () => {
    const gate = new DeviceGate();
    expect(await gate.pass(op('a'))).toBe('answer');
    gate.hold();
    const order: string[] = [];
    const waiting = ['a', 'b', 'c'].map((id) => gate.pass(op(id)).then(() => order.push(id)));
    expect((await gate.heldAtLeast(3, 1_000)).map((o) => o.operationId)).toEqual(['a', 'b', 'c']);
    await gate.release({ order: 'reverse', gapMs: 0 });
    await Promise.all(waiting);
    expect(order).toEqual(['c', 'b', 'a']);
    expect(gate.holding).toBe(false);
  });

  it('releases only the named operations and waits for the next one to arrive', async () => {
    const gate = new DeviceGate();
    gate.hold();
    const first = gate.pass(op('a'));
    void gate.pass(op('b'));
    await gate.heldAtLeast(2, 1_000);
    const released = gate.release({
      order: 'arrival',
      operationIds: ['b'],
      keepHolding: true,
      awaitNextMs: 1_000,
    });
    setTimeout(() => void gate.pass(op('b-next')), 20);
    expect(await released).toEqual(['b']);
    expect(gate.held().map((o) => o.operationId)).toEqual(['a', 'b-next']);
    gate.reset();
    expect(await first).toBe('abandon');
    expect(gate.held()).toEqual([]);
  });
});
