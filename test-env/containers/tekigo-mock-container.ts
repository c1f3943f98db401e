import type { LedgerEntry } from '../../src/evidence/ledger-entry.ts';
import { connectMock } from '../../src/mocks/connect-mock.ts';
import { type MockHandle, startMock } from '../../src/mocks/mock-runtime.ts';
import { imageName, PARTY_PORT } from './tekigo-image.ts';

/** A mock started by `TekigoMockContainer`: its handle, where to reach it, and how to stop it. */
export interface StartedTekigoMock extends MockHandle {
  /** The URL your system calls: `http://localhost:<port>` (embedded), `http://<host>:<mapped port>` (container). */
  getUrl(): string;
  /** A container's URL on tekigo's network, where other containers reach it; the same as getUrl() embedded. */
  getNetworkUrl(): string;
  /** Every exchange, fault and observation the mock recorded, oldest first. */
  getLedger(): Promise<readonly LedgerEntry[]>;
}

/**
 * Any role's mock for your own tests, in the style of a testcontainers module:
 *
 *   const center = await new TekigoMockContainer('national-center').withFaults(script).start();
 *   // … point your system at center.getUrl(), run it …
 *   const ledger = await center.getLedger();
 *   await center.stop();
 *
 * `.embedded()` runs it in this process instead of a container (no Docker needed). Containers
 * need the images (`npx tekigo env build-images`) and carry tekigo's run label; whatever is left
 * when the process ends is removed.
 */
export class TekigoMockContainer {
  readonly #role: string;
  #faults: unknown;
  #embedded = false;
  #image: string | undefined;
  #port = 0;

  constructor(role: string) {
    this.#role = role;
  }

  /** A fault script to load once the mock is up (see the fault-script schema). */
  withFaults(script: unknown): this {
    this.#faults = script;
    return this;
  }

  /** Run in this process (no container); `port` 0 picks a free one. */
  embedded(port = 0): this {
    this.#embedded = true;
    this.#port = port;
    return this;
  }

  /** Another build of the mock image (default: `tekigo-mock:<this version>`). */
  withImage(image: string): this {
    this.#image = image;
    return this;
  }

  async start(): Promise<StartedTekigoMock> {
    const role = this.#role;
    const faults = this.#faults === undefined ? {} : { faults: this.#faults };
    if (this.#embedded) {
      const mock = await startMock({ role, port: this.#port, ...faults });
      return {
        ...mock,
        getUrl: () => mock.url,
        getNetworkUrl: () => mock.url,
        getLedger: () => mock.ledgerEntries(),
      };
    }
    // testcontainers takes a second to load: only containers pay for it.
    const [{ GenericContainer, Wait }, { containerRun }] = await Promise.all([
      import('testcontainers'),
      import('./container-run.ts'),
    ]);
    const run = await containerRun();
    const started = await new GenericContainer(this.#image ?? imageName('mock'))
      .withCommand(['--role', role])
      .withNetworkMode(run.network.name)
      .withExposedPorts(PARTY_PORT)
      .withLabels(run.labels({ 'io.tekigo.party': `mock:${role}` }))
      .withWaitStrategy(Wait.forLogMessage(/"event":"listening"/))
      .start();
    const url = `http://${started.getHost()}:${started.getMappedPort(PARTY_PORT)}`;
    const networkUrl = `http://${started.getIpAddress(run.network.name)}:${PARTY_PORT}`;
    const handle = connectMock(url, role);
    try {
      if (this.#faults !== undefined) await handle.setFaults(this.#faults);
    } catch (error) {
      await started.stop();
      throw error;
    }
    return {
      ...handle,
      getUrl: () => url,
      getNetworkUrl: () => networkUrl,
      getLedger: () => handle.ledgerEntries(),
      async stop() {
        await handle.stop();
        await started.stop();
      },
    };
  }
}
