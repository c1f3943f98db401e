import { type ServerTrial, serverVerified } from '../../../checks/check-server-verified.ts';
import type { SutClient } from '../../../client/sut-client.ts';
import { TekigoHarnessError } from '../../../errors.ts';
import type { PartyIdentity } from '../../../security/party-identity.ts';
import type { CredentialVariant } from '../../../security/pki/test-pki.ts';
import type { ConformanceSuite, ConformanceTest } from '../../conformance-suite.ts';
import type { ProductionCall, RoleAdapter } from '../role-adapter.ts';
import { peerTraffic } from './peer-traffic.ts';
import { securityOf } from './production-environment.ts';

/** Parties a wrong server may claim to be: the first that is neither the peer nor the role. */
const IMPOSTORS = ['municipality', 'issuance-service', 'certification-authority'];
/** How long after its answer a role may take to call its peer, unless its adapter says (`withinMs`). */
const DEFAULT_WITHIN_MS = 2_000;

/**
 * `<PREFIX>-A10`: the role is made to call one of its peers (its adapter's `productionCall`)
 * while the peer's server presents, in turn, a valid certificate of that peer, one from an
 * untrusted issuer and a valid one naming another party: it sends to the first only, ending the
 * other handshakes or connections before any request (GEN-SEC-005; INC-2003-NAGANO). Each trial
 * waits for evidence, never for a fixed time: the first handshake outcome, then, for every
 * connection the role completed, a request on it or its end (a connection still open and silent
 * when the wait ends leaves the trial inconclusive, not passed). Not applicable to a role the
 * production profile cannot make call a peer.
 */
export function serverVerificationTest(suite: ConformanceSuite, adapter: RoleAdapter, prefix: string): void {
  suite.test(
    {
      id: `${prefix}-A10`,
      title:
        'sends to a peer only when its server presents a certificate chaining to the trust anchor and naming that peer',
      requirements: ['GEN-SEC-005'],
      profile: 'production',
    },
    async (t) => {
      const call = adapter.productionCall;
      if (call === undefined || 'notApplicable' in call)
        return t.notApplicable(
          call?.notApplicable ?? `nothing makes ${adapter.role} call a peer in the production profile`,
        );
      const peer = securityOf(t).peers.get(call.peer);
      if (!peer)
        throw new TekigoHarnessError(
          'NO_PRODUCTION_PEER',
          `the production profile does not play ${call.peer}`,
        );
      const impostor = IMPOSTORS.find((p) => p !== call.peer && p !== adapter.role) as string;
      const cases: [
        presented: string,
        identity: PartyIdentity,
        variant: CredentialVariant,
        acceptable: boolean,
      ][] = [
        [`a valid ${call.peer} certificate`, { role: call.peer }, 'valid', true],
        [`a ${call.peer} certificate from an untrusted issuer`, { role: call.peer }, 'wrong-issuer', false],
        [`a valid certificate naming ${impostor}, not ${call.peer}`, { role: impostor }, 'valid', false],
      ];
      const trials: ServerTrial[] = [];
      const clients = new Map<string, Promise<SutClient>>();
      const as = (identity: PartyIdentity): Promise<SutClient> => {
        const key = JSON.stringify(identity);
        const client = clients.get(key) ?? securityOf(t).clientAs(identity);
        clients.set(key, client);
        return client;
      };
      try {
        for (const [presented, identity, variant, acceptable] of cases) {
          await peer.present(identity, variant);
          trials.push(await trial(t, call, as, presented, acceptable));
        }
      } finally {
        await Promise.allSettled([...clients.values()].map(async (c) => (await c).close()));
        await peer.present({ role: call.peer });
      }
      t.apply(serverVerified, trials);
    },
  );
}

async function trial(
  t: ConformanceTest,
  call: ProductionCall,
  as: Parameters<ProductionCall['cause']>[0],
  presented: string,
  acceptable: boolean,
): Promise<ServerTrial> {
  const since = t.env.ledger.entries().at(-1)?.seq ?? 0;
  const answer = await call.cause(as);
  const withinMs = call.withinMs ?? DEFAULT_WITHIN_MS;
  const read = async () => peerTraffic(t.env.ledger.entries(), call.peer, since);
  // First the role's first handshake with the peer, within the time it may take to call it…
  const reached = await t.waitFor(
    `a TLS handshake with ${call.peer}`,
    async () => {
      const traffic = await read();
      return traffic.reached ? traffic : undefined;
    },
    { timeoutMs: withinMs },
  );
  // …then, for each connection it completed, a request on it or its end: evidence, not a pause.
  if (reached)
    await t.waitFor(
      `each connection to ${call.peer} to carry a request or end`,
      async () => {
        const traffic = await read();
        return traffic.settled ? traffic : undefined;
      },
      { timeoutMs: withinMs },
    );
  const traffic = await read();
  return {
    presented,
    acceptable,
    connections: traffic.connections.length,
    handshakesFailed: traffic.handshakesFailed,
    requests: traffic.requests,
    held: traffic.held,
    watchedMs: withinMs,
    clientRoles: [...new Set(traffic.connections.map((c) => c.clientRole))],
    refs: [
      { ledger: 'suite', seq: answer.entry.seq },
      ...traffic.entries.map((e) => ({ ledger: 'suite', seq: e.seq })),
    ],
  };
}
