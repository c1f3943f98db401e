import { problem } from '../../spec/problem-types.ts';
import { withFaultHooks } from '../shared/fault-hooks.ts';
import {
  jsonReply,
  noContent,
  problemReply,
  type Reply,
  type RequestContext,
  type Route,
} from '../shared/http-app.ts';
import type { Inbox } from '../shared/inbox.ts';
import { healthReply, upperTesterRoutes } from '../shared/operator-routes.ts';
import type { Peers } from '../shared/peers.ts';
import { deadLetterQueryErrors, reconciliationQueryErrors } from '../shared/role-kit.ts';
import type { ValidateFields } from '../shared/validation.ts';
import {
  CERTIFICATE_REQUESTS,
  capabilities,
  IMPLEMENTATION,
  type IssuanceParameters,
  PRINT_JOBS,
  RECONCILED,
  RESIDENT_SYNC,
  ROLE,
} from './capabilities.ts';
import { type Issuance, invalid } from './issuance.ts';
import type { PrintJobs } from './print-jobs.ts';
import type { ResidentStore } from './resident-store.ts';

export interface IssuanceRouteParts {
  readonly validate: ValidateFields;
  readonly parameters: IssuanceParameters;
  readonly issuance: Issuance;
  readonly printJobs: PrintJobs;
  readonly inbox: Inbox;
  readonly residents: ResidentStore;
  readonly peers: Peers;
  readonly testMode: boolean;
  /** Replica seams `exposesPrintJobs` and `healthSharesRequestLimit`. */
  readonly exposesPrintJobs?: boolean;
  readonly healthSharesRequestLimit?: boolean;
}

/** The issuance service's routes: its interfaces, reconciliation, dead letters, health, upper tester. */
export function issuanceRoutes(parts: IssuanceRouteParts): Route[] {
  const { validate, parameters, issuance, printJobs, inbox, residents, peers } = parts;

  function reconciliation({ query }: RequestContext): Reply {
    const date = query.get('date') ?? '';
    const peer = query.get('peer') ?? '';
    const errors = reconciliationQueryErrors(validate, date, peer);
    if (errors.length > 0) return invalid(errors);
    const entries = (RECONCILED[peer] ?? []).map((entry) =>
      entry.interface === PRINT_JOBS
        ? printJobs.reconcile(date)
        : inbox.reconcile(entry.interface, peer, date),
    );
    return jsonReply(200, { role: ROLE, peer, date, generatedAt: new Date().toISOString(), entries });
  }

  function deadLetters({ query }: RequestContext): Reply {
    const interfaceName = query.get('interface');
    const errors = deadLetterQueryErrors(validate, interfaceName);
    if (errors.length > 0) return invalid(errors);
    const items = interfaceName === null || interfaceName === PRINT_JOBS ? printJobs.deadLetters() : [];
    return jsonReply(200, { items });
  }

  // A failed print is never printed again: the holder has left the kiosk (ISS-PRT-004).
  const redrive = (): Reply =>
    problemReply(
      problem('conflict', {
        title: 'Not re-driven',
        detail:
          'a print job whose request failed is never re-submitted; the holder must request the document again',
      }),
    );

  function setPeers({ body }: RequestContext): Reply {
    const errors = validate('upper-tester/peers', body);
    if (errors.length > 0) return invalid(errors);
    const given = (body as { peers: Record<string, { baseUrl: string }> }).peers;
    peers.replace(Object.fromEntries(Object.entries(given).map(([name, peer]) => [name, peer.baseUrl])));
    return noContent;
  }

  function reset(): Reply {
    issuance.clear();
    printJobs.clear();
    inbox.clear();
    residents.clear();
    return noContent;
  }

  const health = (): Reply =>
    parts.healthSharesRequestLimit && issuance.saturated
      ? problemReply(problem('overloaded', { status: 503, detail: 'too many requests in progress' }), {
          'retry-after': '1',
        })
      : healthReply(ROLE, IMPLEMENTATION);

  const exposedPrintJobs: Route = {
    method: 'GET',
    path: `/${PRINT_JOBS}`,
    handle: () => jsonReply(200, { items: printJobs.deadLetters() }),
  };

  const upperTester: Route[] = [
    {
      method: 'GET',
      path: '/conformance/capabilities',
      handle: () => jsonReply(200, capabilities(parameters)),
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
              'the issuance-service has no stimulus kind: send it certificate requests and resident syncs',
          },
        ]),
    },
    { method: 'POST', path: '/conformance/reset', handle: reset },
  ];
  return withFaultHooks(
    [
      {
        method: 'POST',
        path: `/${CERTIFICATE_REQUESTS}`,
        body: 'json',
        handle: (c) => issuance.certificateRequest(c),
      },
      { method: 'POST', path: `/${RESIDENT_SYNC}`, body: 'json', handle: (c) => issuance.residentSync(c) },
      { method: 'GET', path: '/reconciliation', handle: reconciliation },
      { method: 'GET', path: '/dead-letters', handle: deadLetters },
      { method: 'POST', path: '/dead-letters/:id/redrive', handle: redrive },
      { method: 'GET', path: '/health', handle: health },
      ...(parts.exposesPrintJobs ? [exposedPrintJobs] : []),
      ...upperTesterRoutes(upperTester, parts.testMode),
    ],
    { validate, testMode: parts.testMode },
  );
}
