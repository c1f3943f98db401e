import type { ConformanceSuite } from '../../conformance-suite.ts';
import type { ReceiverAdapter, RoleAdapter } from '../role-adapter.ts';
import { batchBoundsTest } from './batch-bounds.ts';
import { crashAfterAnswerTest } from './crash-after-answer.ts';
import { hostileBodiesTest } from './hostile-bodies.ts';
import { recordDecisionsTest } from './record-decisions.ts';
import { stalledConnectionsTest } from './stalled-connections.ts';

/**
 * The batch-receiver profile, once per interface a role receives batches on: hostile and
 * malformed bodies, batch bounds, stalled and reset connections (GEN-VAL, GEN-BAT-003, GEN-TMO),
 * and, where the adapter names them, record decisions and idempotency (GEN-BAT-001/002,
 * GEN-IDEM-001…003/005) and a crash right after the answer (GEN-ACK-001/002, GEN-IDEM-004).
 * Each test ends not-applicable when the target does not declare it receives the interface.
 */
export function batchReceiverProfile(
  suite: ConformanceSuite,
  adapter: RoleAdapter,
  receiver: ReceiverAdapter,
): void {
  hostileBodiesTest(suite, adapter, receiver);
  batchBoundsTest(suite, receiver);
  stalledConnectionsTest(suite, adapter, receiver);
  recordDecisionsTest(suite, receiver);
  crashAfterAnswerTest(suite, receiver);
}
