import type { HostileReceiver, RoleAdapter } from '../../src/conformance/profiles/role-adapter.ts';
import {
  CENTER,
  DEVICE,
  FORWARDING,
  gaugesOf,
  MUNICIPALITY_CODE,
  type RelayMetrics,
  type TerminalMessage,
  terminalMessage,
} from './relay-scenario.ts';

/**
 * A terminal's message on relay-forwarding, one per request: the hostile-input and fuzz tests
 * only (RL-G01, RL-G02). A valid message is a card-status one, forwarded through the device and
 * the center the suite plays, and answered 200 with the center's answer.
 */
const TERMINAL_MESSAGES: HostileReceiver<TerminalMessage> = {
  ids: { hostileInput: 'RL-G01', fuzz: 'RL-G02' },
  interface: FORWARDING,
  path: '/relay/messages',
  recordId: 'messageId',
  requestType: 'relay-forwarding/forward-request',
  responseType: 'relay-forwarding/forward-response',
  outcomeOf: (answer) => (answer.status === 200 ? 'accepted' : undefined),
  prepare: async (_t, count) => Array.from({ length: count }, terminalMessage),
  batch: ([message]) => message as unknown as Record<string, unknown>,
};

/**
 * How the generic profiles drive the relay. Its peers are the crypto device and the national
 * center's card management, both played by tekigo. It sends no batches and has no stimulus kind
 * (everything it sends is caused by a terminal's message), so the batch-sender, reconciliation
 * and upper-tester profiles do not apply; its own tests cover those sides. The observability
 * profile runs without stimuli (RL-V02: unknown paths, generated correlation ids). Hostile input
 * and fuzzing run on the messages it receives from terminals.
 */
export const relay: RoleAdapter = {
  role: 'relay',
  peers: [DEVICE, CENTER],
  ids: { health: 'RL-H01', internalFailure: 'RL-V01' },
  probes: [{ path: '/metrics', interface: 'health' }],
  sends: [],
  observability: {
    id: 'RL-V02',
    unknownPaths: [
      ['POST', '/relay/messages/extra'],
      ['GET', '/card-management/messages'],
    ],
  },
  hostile: [TERMINAL_MESSAGES as HostileReceiver],
  // Its open client connections, from GET /metrics: a stalled handshake's is released (RLY-TMO-002).
  // A terminal's message is forwarded to the center at once: what makes it call a peer in the
  // production profile, whose center presents, in turn, good and bad certificates (RL-A10).
  productionCall: {
    peer: CENTER,
    cause: async (as) =>
      (await as({ role: 'municipal-terminal', municipalityCode: MUNICIPALITY_CODE })).post(
        '/relay/messages',
        terminalMessage(),
        {
          interface: FORWARDING,
          requestType: 'relay-forwarding/forward-request',
          responseType: 'relay-forwarding/forward-response',
        },
      ),
  },
  connectionGauge: {
    requirement: 'RLY-TMO-002',
    async read(t) {
      const answer = await t.env.sut.get('/metrics', {
        interface: 'health',
        responseType: 'health/relay-metrics',
      });
      const ref = { ledger: 'suite', seq: answer.entry.seq };
      return answer.status === 200 && answer.entry.validation.response?.valid === true
        ? gaugesOf({ metrics: answer.body as RelayMetrics, ref })
        : {
            ref,
            failure: `GET /metrics answered ${answer.status ?? answer.outcome}, not health/relay-metrics`,
          };
    },
  },
};
