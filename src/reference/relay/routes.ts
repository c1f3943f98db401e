import type { RelayForwardRequest } from '../../spec/message-types.generated.ts';
import { type FieldError, problem } from '../../spec/problem-types.ts';
import { withFaultHooks } from '../shared/fault-hooks.ts';
import {
  jsonReply,
  noContent,
  problemReply,
  type Reply,
  type RequestContext,
  type Route,
} from '../shared/http-app.ts';
import { healthReply, upperTesterRoutes } from '../shared/operator-routes.ts';
import type { Peers } from '../shared/peers.ts';
import { reconciliationQueryErrors } from '../shared/role-kit.ts';
import type { ValidateFields } from '../shared/validation.ts';
import {
  CENTER,
  capabilities,
  IMPLEMENTATION,
  type RelayBounds,
  type RelayParameters,
  ROLE,
  TERMINALS,
} from './capabilities.ts';
import type { Forwarding } from './forwarding.ts';
import type { MessageStore } from './message-store.ts';
import type { RelayMetrics } from './relay-metrics.ts';

/** Everything the routes work on, assembled by `startRelay`. */
export interface RelayParts {
  readonly validate: ValidateFields;
  readonly parameters: RelayParameters;
  /** The declared bounds (what /metrics and the capabilities say). */
  readonly bounds: RelayBounds;
  readonly forwarding: Forwarding;
  readonly store: MessageStore;
  readonly metrics: RelayMetrics;
  /** GET /metrics: live figures, or (a replica's defect) those of the start. */
  readonly metricsBody: () => Record<string, unknown>;
  readonly peers: Peers;
  readonly testMode: boolean;
  /** A replica's defect: /health refused like a message while the message limit is reached. */
  readonly healthBehindMessageLimit: boolean;
  /** False (a replica's defect): terminal messages are forwarded unchecked. */
  readonly validatesMessages: boolean;
  /** False (a replica's defect): any peer name is answered 200 with no entries. */
  readonly checksReconciliationPeer: boolean;
}

/** What reconciliation reports, per peer: terminals' messages in, the center's messages out. */
const RECONCILED: Readonly<Record<string, 'inbound' | 'outbound'>> = {
  [TERMINALS]: 'inbound',
  [CENTER]: 'outbound',
};

/** The relay's routes: forwarding, metrics, reconciliation, dead letters, health, upper tester. */
export function relayRoutes(parts: RelayParts): Route[] {
  const { validate, parameters, bounds, forwarding, store, peers } = parts;
  const invalid = (errors: readonly FieldError[]): Reply =>
    problemReply(
      problem('validation', {
        detail: errors.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; '),
        errors,
      }),
    );

  async function relayMessage({ body, correlationId }: RequestContext): Promise<Reply> {
    const refusal = forwarding.overloaded(correlationId);
    if (refusal) return refusal;
    const errors = parts.validatesMessages ? validate('relay-forwarding/forward-request', body) : [];
    if (errors.length > 0) return invalid(errors);
    return forwarding.handle(body as RelayForwardRequest, correlationId);
  }

  function reconciliation({ query }: RequestContext): Reply {
    const date = query.get('date') ?? '';
    const peer = query.get('peer') ?? '';
    const errors = reconciliationQueryErrors(validate, date, peer, parts.checksReconciliationPeer);
    if (errors.length > 0) return invalid(errors);
    const direction = RECONCILED[peer];
    const entries = direction ? [store.reconcile(direction, date)] : [];
    return jsonReply(200, { role: ROLE, peer, date, generatedAt: new Date().toISOString(), entries });
  }

  function setPeers({ body }: RequestContext): Reply {
    const errors = validate('upper-tester/peers', body);
    if (errors.length > 0) return invalid(errors);
    const given = (body as { peers: Record<string, { baseUrl: string }> }).peers;
    peers.replace(Object.fromEntries(Object.entries(given).map(([name, peer]) => [name, peer.baseUrl])));
    return noContent;
  }

  const upperTester: Route[] = [
    {
      method: 'GET',
      path: '/conformance/capabilities',
      handle: () => jsonReply(200, capabilities(parameters, bounds)),
    },
    { method: 'PUT', path: '/conformance/peers', body: 'json', handle: setPeers },
    {
      method: 'POST',
      path: '/conformance/stimulus',
      body: 'json',
      handle: () =>
        invalid([
          {
            pointer: '/kind',
            detail:
              'the relay has no stimulus kind: send it card-management messages on POST /relay/messages',
          },
        ]),
    },
    {
      method: 'POST',
      path: '/conformance/reset',
      handle: () => {
        store.clear();
        return noContent;
      },
    },
  ];
  return withFaultHooks(
    [
      { method: 'POST', path: '/relay/messages', body: 'json', handle: relayMessage },
      { method: 'GET', path: '/metrics', handle: () => jsonReply(200, parts.metricsBody()) },
      { method: 'GET', path: '/reconciliation', handle: reconciliation },
      // The relay holds no queue: nothing is ever dead-lettered.
      { method: 'GET', path: '/dead-letters', handle: () => jsonReply(200, { items: [] }) },
      {
        method: 'POST',
        path: '/dead-letters/:id/redrive',
        handle: () =>
          problemReply(
            problem('not-found', { title: 'Unknown dead letter', detail: 'the relay holds no dead letters' }),
          ),
      },
      {
        method: 'GET',
        path: '/health',
        handle: ({ correlationId }) =>
          (parts.healthBehindMessageLimit ? forwarding.overloaded(correlationId) : undefined) ??
          healthReply(ROLE, IMPLEMENTATION),
      },
      ...upperTesterRoutes(upperTester, parts.testMode),
    ],
    { validate, testMode: parts.testMode },
  );
}
