import { randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { CertificateToIssue, RevocationRequest } from '../../spec/message-types.generated.ts';
import { type FieldError, problem } from '../../spec/problem-types.ts';
import { inTransaction } from '../shared/database.ts';
import { withFaultHooks } from '../shared/fault-hooks.ts';
import {
  jsonReply,
  noContent,
  problemReply,
  type Reply,
  type RequestContext,
  type Route,
} from '../shared/http-app.ts';
import type { Inbox, RecordResult } from '../shared/inbox.ts';
import type { Log } from '../shared/json-log.ts';
import { healthReply, upperTesterRoutes } from '../shared/operator-routes.ts';
import type { Outbox } from '../shared/outbox.ts';
import type { OutboxSender } from '../shared/outbox-sender.ts';
import type { Peers } from '../shared/peers.ts';
import { deadLetterQueryErrors, reconciliationQueryErrors } from '../shared/role-kit.ts';
import type { ValidateFields } from '../shared/validation.ts';
import { type CertificationAuthorityParameters, capabilities, IMPLEMENTATION, ROLE } from './capabilities.ts';
import type { CertificateStore, NewCertificate } from './certificate-store.ts';
import { stimulusErrors } from './inputs.ts';
import type { CertificationAuthoritySeams } from './seams.ts';

export const NATIONAL_CENTER = 'national-center';
export const ISSUANCES = 'certificate-issuances';
export const REVOCATIONS = 'revocation-requests';
const DEFAULT_VALIDITY_DAYS = 1825;
const DAY_MS = 86_400_000;
const SERIAL_NUMBER = /^[0-9A-F]{16,40}$/;

/** What the CA reports in reconciliation, per peer. */
const RECONCILED: Readonly<
  Record<string, readonly { interface: string; direction: 'outbound' | 'inbound' }[]>
> = {
  [NATIONAL_CENTER]: [
    { interface: ISSUANCES, direction: 'outbound' },
    { interface: REVOCATIONS, direction: 'inbound' },
  ],
};

type CertificateOrder = Readonly<CertificateToIssue>;
type RevocationRecord = Readonly<RevocationRequest>;

/** Everything the routes work on, assembled by `startCertificationAuthority`. */
export interface CertificationAuthorityParts {
  readonly seams: CertificationAuthoritySeams;
  readonly validate: ValidateFields;
  readonly parameters: CertificationAuthorityParameters;
  readonly db: DatabaseSync;
  readonly store: CertificateStore;
  readonly outbox: Outbox;
  readonly inbox: Inbox;
  readonly peers: Peers;
  readonly sender: OutboxSender;
  readonly log: Log;
  readonly testMode: boolean;
}

/** The certification authority's routes: its interfaces, reconciliation, dead letters, health and the upper tester. */
export function certificationAuthorityRoutes(parts: CertificationAuthorityParts): Route[] {
  const { seams, validate, parameters, db, store, outbox, inbox, peers, sender, log } = parts;
  const lookUpStatus = seams.statusLookup((serialNumber) => store.find(serialNumber));
  const reports = seams.reportSource();

  const invalid = (errors: readonly FieldError[], body?: unknown): Reply => {
    const told = seams.toldErrors(errors, body);
    const detail = told.map((e) => `${e.pointer || '(body)'}: ${e.detail}`).join('; ');
    return problemReply(problem('validation', { detail, errors: told }));
  };

  function issueCertificates({ body, correlationId }: RequestContext): Reply {
    const errors = stimulusErrors(validate, body);
    if (errors.length > 0) return invalid(errors, body);
    const orders = (body as { certificates: readonly CertificateOrder[] }).certificates;
    const serials = orders.map(
      (order) => order.serialNumber ?? randomBytes(10).toString('hex').toUpperCase(),
    );
    const taken = store.existing(serials);
    const clashes = serials.flatMap((serial, i) =>
      taken.has(serial) || serials.indexOf(serial) !== i
        ? [{ pointer: `/certificates/${i}/serialNumber`, detail: 'this serialNumber is already issued' }]
        : [],
    );
    if (clashes.length > 0) {
      return problemReply(
        problem('conflict', {
          title: 'Serial number in use',
          detail: 'choose unused serial numbers or leave them out',
          errors: clashes,
        }),
      );
    }

    const now = Date.now();
    const nowIso = new Date(now).toISOString();
    const issued = orders.map((order, i) => {
      const certificate: NewCertificate = {
        serialNumber: serials[i] ?? '',
        certificateType: order.certificateType,
        residentCode: order.residentCode,
        municipalityCode: order.municipalityCode,
        notBefore: nowIso,
        notAfter: new Date(now + (order.validityDays ?? DEFAULT_VALIDITY_DAYS) * DAY_MS).toISOString(),
        itemsDigest: seams.itemsDigest(order.items),
      };
      return { certificate, recordId: randomUUID() };
    });
    inTransaction(db, () => {
      store.insert(issued.map(({ certificate }) => certificate));
      outbox.enqueue(
        issued.map(({ certificate, recordId }) => ({
          recordId,
          interfaceName: ISSUANCES,
          peer: NATIONAL_CENTER,
          recordedAt: nowIso,
          payload: { recordId, recordedAt: nowIso, ...certificate },
        })),
        now,
      );
    });
    sender.wake();
    seams.logIssuance(log, correlationId, orders, serials);
    return jsonReply(202, {
      stimulusId: randomUUID(),
      kind: 'issue-certificates',
      recordIds: issued.map(({ recordId }) => recordId),
      serialNumbers: issued.map(({ certificate }) => certificate.serialNumber),
    });
  }

  function receiveRevocations({ body }: RequestContext): Reply {
    const errors = validate(`${REVOCATIONS}/batch-request`, body);
    if (errors.length > 0 && seams.validatesRevocations) return invalid(errors, body);
    const { batchId, records } = body as { batchId: string; records: readonly RevocationRecord[] };
    if (records.length > parameters.maxBatchSize) {
      return problemReply(
        problem('payload-too-large', {
          title: 'Batch too large',
          detail: `this authority accepts at most ${parameters.maxBatchSize} records per batch (its declared maxBatchSize); split the batch`,
          errors: [
            { pointer: '/records', detail: `must NOT have more than ${parameters.maxBatchSize} items` },
          ],
        }),
      );
    }
    const revokedAt = new Date().toISOString();
    const results: RecordResult[] = inbox.receive(REVOCATIONS, NATIONAL_CENTER, records, (record) =>
      store.revoke(record, revokedAt, seams.keepsFirstRevocation),
    );
    return jsonReply(200, { batchId, results });
  }

  async function certificateStatus({ params }: RequestContext): Promise<Reply> {
    if (!SERIAL_NUMBER.test(params.serialNumber ?? '')) {
      return invalid([
        {
          pointer: '/serialNumber',
          detail: 'the serialNumber path parameter must be 16 to 40 upper-case hex digits',
        },
      ]);
    }
    const { serialNumber, certificate } = await lookUpStatus(params.serialNumber ?? '');
    const producedAt = new Date().toISOString();
    if (!certificate) return jsonReply(200, { serialNumber, status: 'unknown', producedAt });
    const unseen =
      certificate.revokedAt !== null &&
      Date.now() - Date.parse(certificate.revokedAt) < seams.revocationUnseenMs;
    if (certificate.status === 'good' || unseen)
      return jsonReply(200, { serialNumber, status: 'good', producedAt });
    return jsonReply(200, {
      serialNumber,
      status: 'revoked',
      revokedAt: certificate.revokedAt,
      revocationReason: certificate.reason,
      producedAt,
    });
  }

  function reconciliation({ query }: RequestContext): Reply {
    const date = query.get('date') ?? '';
    const peer = query.get('peer') ?? '';
    const errors = reconciliationQueryErrors(validate, date, peer, seams.checksReconciliationPeer);
    if (errors.length > 0) return invalid(errors);
    const report = reports(`${date} ${peer}`, () => {
      const entries = (RECONCILED[peer] ?? []).map((entry) =>
        seams.reportedEntry(
          entry.direction === 'outbound'
            ? outbox.reconcile(entry.interface, peer, date)
            : inbox.reconcile(entry.interface, peer, date),
        ),
      );
      return { role: ROLE, peer, date, generatedAt: new Date().toISOString(), entries };
    });
    return jsonReply(200, report);
  }

  function deadLetters({ query }: RequestContext): Reply {
    const interfaceName = query.get('interface');
    const errors = deadLetterQueryErrors(validate, interfaceName);
    if (errors.length > 0) return invalid(errors);
    const filter = seams.filtersDeadLetters ? (interfaceName ?? undefined) : undefined;
    return jsonReply(200, { items: outbox.deadLetters(filter) });
  }

  function redrive({ params }: RequestContext): Reply {
    const result = outbox.redrive(params.id ?? '', Date.now());
    if (!result && !seams.refusesUnknownRedrive) return jsonReply(202, { id: params.id, state: 'redriven' });
    if (!result) {
      return problemReply(
        problem('not-found', {
          title: 'Unknown dead letter',
          detail: 'no dead letter has this id; list them with GET /dead-letters',
        }),
      );
    }
    sender.wake();
    return jsonReply(202, result);
  }

  function setPeers({ body }: RequestContext): Reply {
    const errors = validate('upper-tester/peers', body);
    if (errors.length > 0) return invalid(errors);
    const given = (body as { peers: Record<string, { baseUrl: string }> }).peers;
    if (!given[NATIONAL_CENTER]) {
      return invalid([
        {
          pointer: `/peers/${NATIONAL_CENTER}`,
          detail: 'the certification authority sends to the national-center: give its baseUrl',
        },
      ]);
    }
    peers.replace(Object.fromEntries(Object.entries(given).map(([name, peer]) => [name, peer.baseUrl])));
    sender.wake();
    return noContent;
  }

  function reset(): Reply {
    sender.abandonInFlight();
    inTransaction(db, () => {
      store.clear();
      if (seams.resetClearsOutbox) outbox.clear();
      inbox.clear();
    });
    return noContent;
  }

  const upperTester: Route[] = [
    {
      method: 'GET',
      path: '/conformance/capabilities',
      handle: () => jsonReply(200, capabilities(parameters)),
    },
    { method: 'PUT', path: '/conformance/peers', body: 'json', handle: setPeers },
    { method: 'POST', path: '/conformance/stimulus', body: 'json', handle: issueCertificates },
    { method: 'POST', path: '/conformance/reset', handle: reset },
  ];
  const health = () => healthReply(ROLE, IMPLEMENTATION);
  const testMode = parts.testMode || seams.upperTesterWithoutTestMode;
  return withFaultHooks(
    [
      { method: 'POST', path: `/${REVOCATIONS}`, body: 'json', handle: receiveRevocations },
      { method: 'GET', path: '/certificate-status/:serialNumber', handle: certificateStatus },
      { method: 'GET', path: '/reconciliation', handle: reconciliation },
      { method: 'GET', path: '/dead-letters', handle: deadLetters },
      { method: 'POST', path: '/dead-letters/:id/redrive', handle: redrive },
      { method: 'GET', path: '/health', handle: health },
      ...upperTesterRoutes(upperTester, testMode),
    ],
    { validate, testMode },
  );
}
