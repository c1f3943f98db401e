import { Inbox } from '../shared/inbox.ts';
import { Peers } from '../shared/peers.ts';
import { type ReferenceOptions, type StartedRole, startRole } from '../shared/start-role.ts';
import {
  capabilities,
  DEFAULT_PARAMETERS,
  type IssuanceParameters,
  PRINT_SERVICE,
  ROLE as SERVING_ROLE,
} from './capabilities.ts';
import { Issuance } from './issuance.ts';
import { PrintJobs } from './print-jobs.ts';
import { REPLICAS, type Replica } from './replicas.ts';
import { ResidentStore } from './resident-store.ts';
import { issuanceRoutes } from './routes.ts';
import { withOverrides } from './seams.ts';

/** The options every reference role takes (`shared/start-role.ts`). */
export type IssuanceServiceOptions = ReferenceOptions;

export type StartedIssuanceService = StartedRole<IssuanceParameters, Replica>;

/**
 * A client has this long for a request's headers, and again for its body: well within the 10 s
 * of GEN-TMO-001. Once, with 2 s, one run in ten failed ISS-REQ-004 under a load average of 16:
 * a starved host could fire the body deadline before reading a body that had arrived. The body
 * deadline is now decided only after pending input is read (`http-app.ts`), as for the
 * municipality, whose deadline is 2 s too.
 */
const RECEIVE_DEADLINE_MS = 2_000;

/**
 * The reference issuance service: issues documents to kiosk card holders from its synced copy
 * of resident data and prints each as its own job at the print service. Resident data is
 * committed before a sync is acknowledged; requests and print jobs live in memory (a request
 * outlives no restart: the holder has left the kiosk). A replica replaces some of the seams of
 * `seams.ts`.
 */
export async function startIssuanceService(
  options: IssuanceServiceOptions = {},
): Promise<StartedIssuanceService> {
  return startRole({
    role: SERVING_ROLE,
    dataDirPrefix: 'tekigo-iss-',
    options,
    replicas: REPLICAS,
    seamsOf: (replica) => withOverrides(replica?.seams),
    defaults: DEFAULT_PARAMETERS,
    capabilities,
    wire: ({ seams, validate, parameters, database, memoryDatabase, serving, client, log }) => {
      const db = seams.storage === 'memory' ? memoryDatabase() : database('issuance-service.sqlite');
      const residents = new ResidentStore(db);
      const inbox = new Inbox(db);
      const peers = new Peers(db, options.peers);
      const printJobs = new PrintJobs({
        client,
        baseUrl: () => peers.baseUrl(PRINT_SERVICE),
        parameters,
        log,
      });
      const issuance = new Issuance({ seams, validate, parameters, residents, inbox, printJobs, log });
      const routes = issuanceRoutes({
        validate,
        parameters,
        issuance,
        printJobs,
        inbox,
        residents,
        peers,
        testMode: serving.upperTester,
        exposesPrintJobs: seams.exposesPrintJobs,
        healthSharesRequestLimit: seams.healthSharesRequestLimit,
      });
      return {
        routes,
        receiveDeadlineMs: RECEIVE_DEADLINE_MS,
        guardsInput: seams.guardsInput,
        app: {
          ignoreOfferedCorrelationId: seams.ignoreOfferedCorrelationId,
          ...(seams.internalErrors !== 'concealed' ? { internalErrors: seams.internalErrors } : {}),
          ...(seams.deepBodies !== 'refused' ? { deepBodies: seams.deepBodies } : {}),
        },
        // A request in progress outlives no stop: its holder has left the kiosk.
        workers: [{ start: () => {}, stop: () => issuance.clear() }],
      };
    },
  });
}
