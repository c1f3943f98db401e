import type { RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import { CENTER, DEVICE } from './relay-scenario.ts';

/**
 * How the generic profiles drive the relay. Its peers are the crypto device and the national
 * center's card management, both played by tekigo. It sends no batches and has no stimulus kind
 * (everything it sends is caused by a terminal's message), so the batch-sender, reconciliation,
 * upper-tester and observability profiles do not apply; its own tests cover those sides.
 */
export const relay: RoleAdapter = {
  role: 'relay',
  peers: [DEVICE, CENTER],
  ids: { health: 'RL-H01', internalFailure: 'RL-V01' },
  probes: [{ path: '/metrics', interface: 'health' }],
  sends: [],
};
