import { setTimeout as sleep } from 'node:timers/promises';
import { type ServerTrial, serverVerified } from '../../../checks/check-server-verified.ts';
import type { SutClient } from '../../../client/sut-client.ts';
import { TekigoHarnessError } from '../../../errors.ts';
import type { LedgerEntry } from '../../../evidence/ledger-entry.ts';
import { identityFromSubjectAltName, type PartyIdentity } from '../../../security/party-identity.ts';
import type { CredentialVariant } from '../../../security/pki/test-pki.ts';
import type { ConformanceSuite, ConformanceTest } from '../../conformance-suite.ts';
import type { ProductionCall, RoleAdapter } from '../role-adapter.ts';
import { securityOf } from './production-environment.ts';

/** Parties a wrong server may claim to be: the first that is neither the peer nor the role. */
const IMPOSTORS = ['municipality', 'issuance-service', 'certification-authority'];
/** How often the peer's ledger is read while waiting for the role's call. */
const POLL_MS = 50;
/** After the first sign of a call, how long more is read (a handshake's end may come just after). */
const SETTLE_MS = 300;

/**
 * `<PREFIX>-A10`: the role is made to call one of its peers (its adapter's `productionCall`)
 * while the peer's server presents, in turn, a valid certificate of that peer, one from an
 * untrusted issuer and a valid one naming another party: it sends to the first only, ending the
 * other handshakes or connections before any request (GEN-SEC-005; INC-2003-NAGANO). Not
 * applicable to a role the production profile cannot make call a peer.
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
  const atPeer = (): LedgerEntry[] =>
    t.env.ledger
      .entries()
      .filter(
        (e) =>
          e.seq > since &&
          ((e.kind === 'exchange' && e.to === call.peer && e.from !== 'suite') ||
            (e.kind === 'observation' && e.source === call.peer && e.what.startsWith('tls-'))),
      );
  const deadline = performance.now() + (call.withinMs ?? 2_000);
  while (atPeer().length === 0 && performance.now() < deadline) await sleep(POLL_MS);
  await sleep(SETTLE_MS);
  const seen = atPeer();
  const connections = seen.filter((e) => e.kind === 'observation' && e.what === 'tls-connection');
  const clientRoles = connections.map(
    (e) =>
      identityFromSubjectAltName(
        ((e.kind === 'observation' ? e.data : null) as { clientNames?: string | null } | null)?.clientNames ??
          undefined,
      )?.role ?? 'no role',
  );
  return {
    presented,
    acceptable,
    connections: connections.length,
    handshakesFailed: seen.filter((e) => e.kind === 'observation' && e.what === 'tls-handshake-failed')
      .length,
    requests: seen.filter((e) => e.kind === 'exchange').length,
    clientRoles: [...new Set(clientRoles)],
    refs: [{ ledger: 'suite', seq: answer.entry.seq }, ...seen.map((e) => ({ ledger: 'suite', seq: e.seq }))],
  };
}
