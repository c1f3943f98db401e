import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_SECURITY } from '../../security/security-seams.ts';
import { capabilities, DEFAULT_PARAMETERS } from '../municipality/capabilities.ts';
import { jsonReply } from './http-app.ts';
import { type RoleStart, type RoleWiring, startRole } from './start-role.ts';
import { type TurnResult, WorkLoop } from './work-loop.ts';

const root = mkdtempSync(join(tmpdir(), 'tekigo-start-role-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const seams = { security: REFERENCE_SECURITY };
const roleStart = (
  wire: RoleStart<typeof DEFAULT_PARAMETERS, { name: string }, typeof seams>['wire'],
  dataDir?: string,
): RoleStart<typeof DEFAULT_PARAMETERS, { name: string }, typeof seams> => ({
  role: 'municipality',
  dataDirPrefix: 'tekigo-start-role-',
  options: { testMode: true, ...(dataDir ? { dataDir } : {}) },
  replicas: [{ name: 'a-replica' }],
  seamsOf: () => seams,
  defaults: DEFAULT_PARAMETERS,
  capabilities,
  wire,
});

describe('startRole', () => {
  it('serves the wired routes, runs the workers and stops them before the server, once', async () => {
    const events: string[] = [];
    const wiring = (): RoleWiring => ({
      routes: [{ method: 'GET', path: '/ping', handle: () => jsonReply(200, { pong: true }) }],
      receiveDeadlineMs: 1_000,
      workers: [{ start: () => events.push('start'), stop: () => void events.push('stop') }],
    });
    const started = await startRole(
      roleStart(({ database }) => {
        database('t.sqlite');
        return wiring();
      }),
    );
    const answer = await fetch(`${started.url}/ping`);
    expect(answer.status).toBe(200);
    expect(started.parameters).toEqual(DEFAULT_PARAMETERS);
    await Promise.all([started.stop(), started.stop()]);
    expect(events).toEqual(['start', 'stop']);
    await expect(fetch(`${started.url}/ping`)).rejects.toThrow();
  });

  it("lets the wiring wrap the app's listener, see the server before its workers start, and add to the started line", async () => {
    const events: string[] = [];
    const logged: Record<string, unknown>[] = [];
    const started = await startRole({
      ...roleStart(() => ({
        routes: [{ method: 'GET', path: '/ping', handle: () => jsonReply(200, { pong: true }) }],
        receiveDeadlineMs: 1_000,
        listen: { headersTimeoutMs: 2_000 },
        listener: (app) => (req, res) => {
          res.setHeader('x-wrapped', 'yes');
          app(req, res);
        },
        onServer: (server) => events.push(`server ${server.headersTimeout}`),
        workers: [{ start: () => events.push('start'), stop: () => undefined }],
        started: { bounds: { maxConnections: 3 } },
      })),
      options: { testMode: true, log: (entry) => void logged.push(entry) },
    });
    const answer = await fetch(`${started.url}/ping`);
    expect(answer.headers.get('x-wrapped')).toBe('yes');
    expect(events).toEqual(['server 2000', 'start']);
    expect(logged.find((e) => e.event === 'started')).toMatchObject({ bounds: { maxConnections: 3 } });
    await started.stop();
  });

  it('refuses an unknown replica and parameters outside the bounds before opening anything', async () => {
    const wire = () => {
      throw new Error('not reached');
    };
    await expect(startRole({ ...roleStart(wire), options: { replica: 'nope' } })).rejects.toThrow(
      /known replicas: a-replica/,
    );
    await expect(
      startRole({ ...roleStart(wire), options: { params: { requestTimeoutMs: 1 } } }),
    ).rejects.toThrow(/parameters/);
  });

  it('releases its data folder and databases when the wiring fails', async () => {
    const dataDir = join(root, 'owned-elsewhere');
    let opened: { isOpen: boolean } | undefined;
    const failing = roleStart(({ database }) => {
      opened = database('t.sqlite');
      throw new Error('wiring failed');
    });
    await expect(startRole(failing)).rejects.toThrow('wiring failed');
    expect(opened?.isOpen).toBe(false);
    // A data folder it was given is the caller's: it stays.
    mkdirSync(dataDir);
    await expect(startRole(roleStart(failing.wire, dataDir))).rejects.toThrow('wiring failed');
    expect(existsSync(dataDir)).toBe(true);
  });
});

/** Works `work` turns, then holds one request until it is abandoned, then has nothing to do. */
class Counter extends WorkLoop {
  turns = 0;
  holding = false;
  aborted = false;
  readonly #work: number;
  constructor(work: number) {
    super(() => {});
    this.#work = work;
  }
  protected override async turn(): Promise<TurnResult> {
    this.turns += 1;
    if (this.turns <= this.#work) return 'again';
    if (this.turns === this.#work + 1) {
      const { aborted } = await this.inFlight((signal) => {
        this.holding = true;
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      });
      this.aborted = aborted;
    }
    return undefined;
  }
}

/** Resolves once `condition` holds; the test's own timeout bounds the wait. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('WorkLoop', () => {
  it('turns again at once while there is work, abandons the request in flight, then sleeps until woken', async () => {
    const loop = new Counter(3);
    loop.start();
    await until(() => loop.holding);
    expect(loop.turns).toBe(4);
    loop.abandonInFlight();
    await until(() => loop.aborted);
    // Nothing due and no due time: it sleeps until woken, whatever the time.
    expect(loop.turns).toBe(4);
    loop.wake();
    await until(() => loop.turns === 5);
    await loop.stop();
    expect(loop.turns).toBe(5);
  });
});
