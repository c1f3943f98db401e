import { Inbox } from '../shared/inbox.ts';
import { Outbox } from '../shared/outbox.ts';
import { OutboxSender } from '../shared/outbox-sender.ts';
import { Peers } from '../shared/peers.ts';
import { type ReferenceOptions, type StartedRole, startRole } from '../shared/start-role.ts';
import {
  AUTHORITY_ID,
  type CertificationAuthorityParameters,
  capabilities,
  DEFAULT_PARAMETERS,
  ROLE,
} from './capabilities.ts';
import { CertificateStore } from './certificate-store.ts';
import { REPLICAS, type Replica } from './replicas.ts';
import { certificationAuthorityRoutes, ISSUANCES, NATIONAL_CENTER } from './routes.ts';
import { type Storage, withOverrides } from './seams.ts';

/** The options every reference role takes (`shared/start-role.ts`). */
export type CertificationAuthorityOptions = ReferenceOptions;

export type StartedCertificationAuthority = StartedRole<CertificationAuthorityParameters, Replica>;

/**
 * A client has this long for a request's headers, and again for its body, before it is answered
 * 408: short, since every legitimate peer sends at once (GEN-TMO-001 allows 10 s for headers).
 */
const RECEIVE_DEADLINE_MS = 1_000;

/**
 * The reference certification authority: issues certificates through the upper tester, notifies
 * the national center of each one through a durable outbox, accepts revocations and answers
 * certificate status. Every state change is committed before it is acknowledged. Its routes are
 * in `routes.ts`; a replica replaces some of the seams of `seams.ts`.
 */
export async function startCertificationAuthority(
  options: CertificationAuthorityOptions = {},
): Promise<StartedCertificationAuthority> {
  return startRole({
    role: ROLE,
    dataDirPrefix: 'tekigo-ca-',
    options,
    replicas: REPLICAS,
    seamsOf: (replica) => withOverrides(replica?.seams),
    defaults: DEFAULT_PARAMETERS,
    capabilities,
    wire: ({ seams, validate, parameters, database, memoryDatabase, serving, client, log }) => {
      const db = database('certification-authority.sqlite');
      const on = (storage: Storage) => (storage === 'memory' ? memoryDatabase() : db);
      const store = new CertificateStore(on(seams.storage.certificates));
      const outbox = new Outbox(on(seams.storage.outbox), new Set(seams.outboxDefects));
      const inbox = new Inbox(on(seams.storage.receivedRecords));
      const peers = new Peers(db, options.peers);
      const sender = new OutboxSender({
        outbox,
        interfaceName: ISSUANCES,
        path: `/${ISSUANCES}`,
        peerBaseUrl: () => peers.baseUrl(NATIONAL_CENTER),
        parameters,
        envelope: (records, batchId, sentAt) => ({ batchId, sentAt, authorityId: AUTHORITY_ID, records }),
        isValidResult: (body) => validate(`${ISSUANCES}/batch-result`, body).length === 0,
        client,
        log,
        defects: new Set(seams.senderDefects),
        ...(options.random ? { random: options.random } : {}),
      });
      const routes = certificationAuthorityRoutes({
        seams,
        validate,
        parameters,
        db,
        store,
        outbox,
        inbox,
        peers,
        sender,
        log,
        testMode: serving.upperTester,
      });
      return {
        routes,
        receiveDeadlineMs: RECEIVE_DEADLINE_MS,
        guardsInput: seams.http.guardsInput,
        app: {
          ignoreOfferedCorrelationId: !seams.http.echoesCorrelationId,
          logRequestHeaders: seams.http.logsRequestHeaders,
          ...(seams.http.deepBodies !== 'refused' ? { deepBodies: seams.http.deepBodies } : {}),
          ...(seams.http.internalErrors !== 'concealed' ? { internalErrors: seams.http.internalErrors } : {}),
        },
        workers: [sender],
      };
    },
  });
}
