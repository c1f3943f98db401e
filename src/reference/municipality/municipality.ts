import { Inbox } from '../shared/inbox.ts';
import { Outbox } from '../shared/outbox.ts';
import { OutboxSender, type SenderDefect } from '../shared/outbox-sender.ts';
import { Peers } from '../shared/peers.ts';
import { type ReferenceOptions, type StartedRole, startRole } from '../shared/start-role.ts';
import {
  CENTER,
  capabilities,
  DEFAULT_PARAMETERS,
  ISSUANCE_SERVICE,
  MUNICIPALITY_CODE,
  type MunicipalityParameters,
  RESIDENT_CHANGES,
  RESIDENT_SYNC,
  ROLE as SERVING_ROLE,
} from './capabilities.ts';
import { CardBatches } from './card-batches.ts';
import { CardSubmitter } from './card-submitter.ts';
import { Register } from './register.ts';
import { REPLICAS, type Replica } from './replicas.ts';
import { ResidentOrderedOutbox } from './resident-order.ts';
import { municipalityRoutes } from './routes.ts';
import { withOverrides } from './seams.ts';

/** The options every reference role takes (`shared/start-role.ts`). */
export type MunicipalityOptions = ReferenceOptions;

export type StartedMunicipality = StartedRole<MunicipalityParameters, Replica>;

/**
 * A client has this long for a request's headers, and again for its body: far below the 10 s of
 * GEN-TMO-001, yet above the one-second stalls of a loaded machine (a 1 s deadline answered a
 * complete small notice 408 there).
 */
const RECEIVE_DEADLINE_MS = 2_000;

/**
 * The reference municipality: records resident changes and sends them to the national center in
 * per-resident order, pushes resident syncs to the issuance service, submits card batches and
 * follows them to the end, receives registration notices and chases the ones that do not come.
 * Every send goes through the durable outbox; every state change is committed before it is
 * acknowledged. Its routes are in `routes.ts`; a replica replaces some of the seams of `seams.ts`.
 */
export async function startMunicipality(options: MunicipalityOptions = {}): Promise<StartedMunicipality> {
  return startRole({
    role: SERVING_ROLE,
    dataDirPrefix: 'tekigo-mun-',
    options,
    replicas: REPLICAS,
    seamsOf: (replica) => withOverrides(replica?.seams),
    defaults: DEFAULT_PARAMETERS,
    capabilities,
    upperTester: (seams) => (options.testMode ?? false) || seams.upperTesterWithoutTestMode,
    wire: ({ seams, validate, parameters, database, memoryDatabase, serving, client, log }) => {
      const file = database('municipality.sqlite');
      const db = seams.storage === 'memory' ? memoryDatabase() : file;
      const defects = new Set(seams.outboxDefects);
      const outbox = seams.keepsResidentOrder
        ? new ResidentOrderedOutbox(db, defects, RESIDENT_CHANGES, (record) =>
            String(record.payload.residentCode),
          )
        : new Outbox(db, defects);
      const inbox = new Inbox(db);
      const register = new Register(db, seams.nextSyncVersion);
      const cards = new CardBatches(db);
      const peers = new Peers(file, options.peers);
      const random = options.random ? { random: options.random } : {};
      const batchSender = (interfaceName: string, peer: string, senderDefects: readonly SenderDefect[]) =>
        new OutboxSender({
          outbox,
          interfaceName,
          path: `/${interfaceName}`,
          peerBaseUrl: () => peers.baseUrl(peer),
          parameters,
          envelope: (records, batchId, sentAt) => ({
            batchId,
            sentAt,
            municipalityCode: MUNICIPALITY_CODE,
            records,
          }),
          isValidResult: (body) => validate(`${interfaceName}/batch-result`, body).length === 0,
          client,
          log,
          defects: new Set(senderDefects),
          ...random,
        });
      const senders = [
        batchSender(RESIDENT_CHANGES, CENTER, seams.changeSenderDefects),
        batchSender(RESIDENT_SYNC, ISSUANCE_SERVICE, seams.syncSenderDefects),
      ];
      const submitter = new CardSubmitter({
        db,
        outbox,
        cards,
        peers,
        parameters,
        seams,
        validate,
        client,
        log,
        ...random,
      });
      const workers = [...senders, submitter];
      const routes = municipalityRoutes({
        seams,
        validate,
        parameters,
        db,
        register,
        inbox,
        outbox,
        cards,
        peers,
        senders: workers,
        log,
        testMode: serving.upperTester,
      });
      return {
        routes,
        receiveDeadlineMs: RECEIVE_DEADLINE_MS,
        guardsInput: seams.guardsInput,
        app: {
          ignoreOfferedCorrelationId: !seams.echoesCorrelationId,
          ...(seams.internalErrors !== 'concealed' ? { internalErrors: seams.internalErrors } : {}),
          ...(seams.deepBodies !== 'refused' ? { deepBodies: seams.deepBodies } : {}),
        },
        workers,
      };
    },
  });
}
