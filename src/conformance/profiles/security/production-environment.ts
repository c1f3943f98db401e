import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSutClient, type SutClient } from '../../../client/sut-client.ts';
import { TekigoEnvironmentError, TekigoHarnessError } from '../../../errors.ts';
import { Ledger } from '../../../evidence/ledger.ts';
import type { LedgerEntry } from '../../../evidence/ledger-entry.ts';
import { type StartedMock, startMock } from '../../../mocks/mock-runtime.ts';
import type { PartyIdentity } from '../../../security/party-identity.ts';
import {
  type Credential,
  type CredentialVariant,
  createTestPki,
  mutualTls,
  type TestPki,
} from '../../../security/pki/test-pki.ts';
import { PEERS_ENV, writeTlsMaterial } from '../../../security/tls-material.ts';
import { loadSpec } from '../../../spec/load-spec.ts';
import type {
  ConformanceEnvironmentOptions,
  StartedConformanceEnvironment,
} from '../../conformance-environment.ts';
import type { ConformanceTest } from '../../conformance-suite.ts';
import type { StartedTarget } from '../../environment.ts';
import { environmentFor } from '../../environments.ts';
import type { Capabilities } from '../../preflight.ts';
import { DEFAULT_RUN_CONTEXT } from '../../run-context.ts';

/** What the security profile's tests get in the production profile: the run's PKI and clients holding its certificates. */
export interface SecurityFixture {
  readonly pki: TestPki;
  /** The private key the target was given (TEKIGO_TLS_KEY), PEM: no answer of it may hold it (GEN-SEC-010). */
  readonly targetKeyPem: string;
  /**
   * A client presenting a certificate for `identity` (`null`: no certificate at all), recording
   * into the suite's ledger like the suite's own client. The test closes it.
   */
  clientAs(identity: PartyIdentity | null, variant?: CredentialVariant): Promise<SutClient>;
  /**
   * The mock peers the target was given in TEKIGO_PEERS (specs/README.md d-production-peers),
   * by party, each serving over mutual TLS with a valid certificate of its party and recording
   * into the suite's ledger.
   */
  readonly peers: ReadonlyMap<string, ProductionPeer>;
}

/** A mock peer of the production profile, at a URL that stays the same whatever it presents. */
export interface ProductionPeer {
  readonly url: string;
  /**
   * Serves again at the same URL presenting a certificate for `identity` (connections open
   * before are closed, so the target's next call makes a new handshake).
   */
  present(identity: PartyIdentity, variant?: CredentialVariant): Promise<void>;
}

const TIMEOUT_MS = 10_000;

/** The test PKI of a production-profile test; a harness error when a test runs without it. */
export function securityOf(t: ConformanceTest): SecurityFixture {
  const fixture = t.env.security;
  if (!fixture)
    throw new TekigoHarnessError('NO_SECURITY_FIXTURE', 'a production-profile test ran without the test PKI');
  return fixture;
}

/**
 * The production profile's environment: a test PKI made for the run, the target started without
 * test mode with its certificate, key and trust anchor (TEKIGO_TLS_*), and the suite's client
 * holding a certificate of the target's own role (its operator), and its peers played as mocks
 * over mutual TLS at the URLs of TEKIGO_PEERS. No upper tester: only the security profile's tests
 * run here.
 */
export async function startProductionEnvironment(
  options: ConformanceEnvironmentOptions,
): Promise<StartedConformanceEnvironment> {
  const spec = await loadSpec();
  const ledger = new Ledger();
  const run = options.run ?? DEFAULT_RUN_CONTEXT;
  const environment = environmentFor(run.environment);
  // Where the mock peers listen: the target calls them there and checks that their certificates name it.
  const peerHost = await environment.inProcessPeerHost?.();
  const pki = await createTestPki(peerHost ? { addresses: [peerHost] } : {});
  const [own, operator] = await Promise.all([
    pki.issue({ role: options.role }),
    pki.issue({ role: options.role }),
  ]);
  const tlsDir = await mkdtemp(join(run.dataRoot ?? tmpdir(), 'tekigo-tls-'));
  const clients: SutClient[] = [];
  const mocks = new Map<string, StartedMock>();
  let started: StartedTarget | undefined;
  const stopAll = async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await started?.stop();
    await Promise.allSettled([...mocks.values()].map((m) => m.stop()));
    await rm(tlsDir, { recursive: true, force: true });
  };
  // A peer serving again at its port with another certificate (GEN-SEC-005).
  const servePeer = async (
    role: string,
    identity: PartyIdentity,
    variant: CredentialVariant,
    port?: number,
  ) => {
    await mocks.get(role)?.stop();
    const mock = await startMock({
      role,
      validate: spec.validate,
      ledger,
      ...(port !== undefined ? { port } : {}),
      ...(peerHost ? { host: peerHost } : {}),
      profile: mutualTls(await pki.issue(identity, variant), pki.rootPem),
    });
    mocks.set(role, mock);
    return mock;
  };
  try {
    const peerUrls: Record<string, string> = {};
    for (const role of options.peers) peerUrls[role] = (await servePeer(role, { role }, 'valid')).url;
    const probe = mutualTls(operator, pki.rootPem);
    const material = await writeTlsMaterial(tlsDir, own, pki.rootPem);
    started = await environment.startTarget({
      role: options.role,
      target: run.target,
      ...(run.dataRoot ? { dataRoot: run.dataRoot } : {}),
      tls: { env: { ...material, [PEERS_ENV]: JSON.stringify(peerUrls) }, probe },
    });
    const targetUrl = started.url;
    const clientWith = (credential: Credential | null): SutClient => {
      const client = createSutClient({
        baseUrl: targetUrl,
        ledger,
        validate: spec.validate,
        timeoutMs: TIMEOUT_MS,
        profile: mutualTls(credential, pki.rootPem),
      });
      clients.push(client);
      return client;
    };
    const sut = clientWith(operator);
    const health = await sut.get('/health', { interface: 'health' });
    if (health.status !== 200)
      throw new TekigoEnvironmentError(
        'PRODUCTION_TARGET_UNHEALTHY',
        `${targetUrl} answered ${health.status ?? health.outcome} to GET /health over mutual TLS with a certificate of its own role; it must serve https with the material in TEKIGO_TLS_CERT, TEKIGO_TLS_KEY and TEKIGO_TLS_CA`,
      );
    const security: SecurityFixture = {
      pki,
      targetKeyPem: own.keyPem,
      async clientAs(identity, variant = 'valid') {
        return clientWith(identity === null ? null : await pki.issue(identity, variant));
      },
      peers: new Map(
        Object.entries(peerUrls).map(([role, url]): [string, ProductionPeer] => [
          role,
          {
            url,
            present: async (identity, variant = 'valid') => {
              await servePeer(role, identity, variant, Number(new URL(url).port));
            },
          },
        ]),
      ),
    };
    const noPeer = (): never => {
      throw new TekigoEnvironmentError(
        'NO_PEERS',
        'the production profile plays its peers for the security tests only (securityOf(t).peers)',
      );
    };
    return {
      role: options.role,
      target: run.target,
      targetUrl,
      environment: environment.name,
      control: started.control,
      spec,
      sut,
      ledger,
      // A production-profile target serves no upper tester, so it declares nothing.
      capabilities: null as unknown as Capabilities,
      security,
      mock: noPeer,
      startPeer: async () => noPeer(),
      peer: noPeer,
      reset: async () => {},
      mark: async () => ({ suite: lastSeq(ledger.entries()) }),
      async evidenceSince(marks) {
        const since = marks.suite ?? 0;
        return { ledgers: { suite: ledger.entries().filter((e) => e.seq > since) } };
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

const lastSeq = (entries: readonly LedgerEntry[]): number => entries.at(-1)?.seq ?? 0;
