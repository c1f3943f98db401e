import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StartedTarget, TargetControl } from '../../src/conformance/environment.ts';
import type { MockHandle } from '../../src/mocks/mock-runtime.ts';
import { containersEnvironment } from './containers-environment.ts';
import { dockerEngine, engineAvailable, RUN_LABEL } from './docker-engine.ts';
import { ensureImages } from './ensure-images.ts';

// Needs a container engine. Locally the tests are skipped (with this reason) when none answers;
// CI sets TEKIGO_REQUIRE_CONTAINERS=1, so there a missing engine fails them instead.
const required = process.env.TEKIGO_REQUIRE_CONTAINERS === '1';
const engine = required || (await engineAvailable());
if (!engine)
  console.warn(
    'skipping the container tests: no container engine answers (start dockerd or set DOCKER_HOST)',
  );

const validate = () => ({ messageType: '', valid: true, errors: [] });

async function answers(url: string, timeoutMs = 1_000): Promise<number | string> {
  try {
    const answer = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await answer.body?.cancel();
    return answer.status;
  } catch (error) {
    return (error as Error).name;
  }
}

async function labelled(runId: string): Promise<number> {
  const docker = await dockerEngine();
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  return (
    (await docker.listContainers({ all: true, filters })).length +
    (await docker.listNetworks({ filters })).length
  );
}

describe.skipIf(!engine)('the containers environment', { timeout: 120_000 }, () => {
  let mock: MockHandle;
  let target: StartedTarget;
  let control: TargetControl;

  beforeAll(async () => {
    await ensureImages();
    mock = await containersEnvironment.startPeer({ role: 'national-center', validate });
    target = await containersEnvironment.startTarget({
      role: 'certification-authority',
      target: { kind: 'reference' },
    });
    if (!target.control) throw new Error('a reference target has controls');
    control = target.control;
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled([mock?.stop(), target?.stop()]);
  });

  test('a mock container answers its control API: faults, ledger, reset', async () => {
    await expect(
      mock.setFaults({ rules: [{ id: 'x', action: { kind: 'no-such-fault' } }] }),
    ).rejects.toMatchObject({
      code: 'INVALID_FAULT_SCRIPT',
    });
    await mock.send({ interface: 'revocation-requests', count: 1 }).catch(() => {});
    expect((await mock.ledgerEntries()).length).toBeGreaterThan(0);
    await mock.reset();
    expect(await mock.ledgerEntries()).toEqual([]);
  });

  test('pause holds every request until resume', async () => {
    await control.pause();
    expect(await answers(target.url, 500)).toBe('TimeoutError');
    await control.resume();
    expect(await answers(target.url)).toBe(200);
  });

  test('a crash and restart brings the target back at the same URL, with its log', async () => {
    const before = control.log().length;
    await control.crashAndRestart();
    expect(await answers(target.url)).toBe(200);
    expect(await control.isRunning()).toBe(true);
    await sleep(200);
    expect(
      control
        .log()
        .slice(before)
        .some((line) => line.includes('"event":"listening"')),
    ).toBe(true);
  });

  test('a partition cuts the target from the network until healed', async () => {
    await control.partition?.();
    expect(await answers(target.url, 500)).not.toBe(200);
    await control.heal?.();
    expect(await answers(target.url)).toBe(200);
  });

  test('a second instance outside test mode refuses the upper tester', async () => {
    const other = await control.startSecondInstance({ testMode: false });
    try {
      const answer = await fetch(`${other.url}/conformance/capabilities`);
      expect(answer.status).toBe(404);
    } finally {
      await other.stop();
    }
  });

  test.each(['SIGINT', 'SIGTERM'] as const)(
    'after %s nothing labelled with the run id remains',
    async (signal) => {
      const runId = `tekigo-cleanup-${signal.toLowerCase()}-${process.pid}`;
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const child = spawn(
        process.execPath,
        ['--import', tsx, new URL('./fixtures/hold-mock.ts', import.meta.url).pathname],
        {
          env: { ...process.env, TEKIGO_RUN_ID: runId },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        child.once('exit', (code) =>
          reject(new Error(`the fixture exited with ${code} before it was ready`)),
        );
      });
      expect(await labelled(runId)).toBe(3);
      child.kill(signal);
      let left = 3;
      for (let i = 0; i < 100 && left > 0; i++) {
        await sleep(200);
        left = await labelled(runId);
      }
      expect(left).toBe(0);
    },
  );
});
