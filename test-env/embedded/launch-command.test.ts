import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/transport/index.ts';
import { launchCommand } from './launch-command.ts';
import type { StartedParty } from './launch-party.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'contract-server.ts');
const NODE = JSON.stringify(process.execPath);
const client = createHttpClient();
const parties: StartedParty[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'tekigo-launch-test-'));

async function launch(
  command: string | string[],
  more: { env?: Record<string, string>; logs?: { file: string }; testMode?: boolean; dataDir?: string } = {},
): Promise<StartedParty> {
  const party = await launchCommand({
    name: 'fixture',
    launch: {
      command,
      startTimeoutMs: 10_000,
      ...(more.env ? { env: more.env } : {}),
      ...(more.logs ? { logs: more.logs } : {}),
    },
    ...(more.testMode !== undefined ? { testMode: more.testMode } : {}),
    ...(more.dataDir ? { dataDir: more.dataDir } : {}),
  });
  parties.push(party);
  return party;
}

async function get(party: StartedParty, route: string, method = 'GET', timeoutMs = 3_000) {
  const response = await client.fetch(`${party.url}${route}`, { method, timeoutMs });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterEach(async () => {
  await Promise.all(parties.splice(0).map((party) => party.stop()));
});

afterAll(async () => {
  await client.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('launchCommand', () => {
  it('runs a shell command with {port} substituted and TEKIGO_* set, ready once /health answers 200', async () => {
    const party = await launch(`${NODE} ${FIXTURE} {port}`);
    expect(party.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await get(party, '/health');
    expect(health.body).toMatchObject({ status: 'up', testMode: true });
    // The log line that announced it is kept, as the log contract has it.
    expect(party.logs().some((line) => line.includes('"event":"listening"'))).toBe(true);
  });

  it('runs an argv command without a shell', async () => {
    const party = await launch([process.execPath, FIXTURE]);
    expect((await get(party, '/health')).status).toBe(200);
  });

  it('restart after a SIGKILL keeps the port and the data folder', async () => {
    const first = await launch(`${NODE} ${FIXTURE}`);
    await get(first, '/conformance/count', 'POST');
    await get(first, '/conformance/count', 'POST');
    expect(await first.kill('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
    const second = await first.restart();
    parties.push(second);
    expect(second.url).toBe(first.url);
    expect(second.pid).not.toBe(first.pid);
    expect((await get(second, '/health')).body.count).toBe(2);
  });

  it('pause freezes the implementation until resume', async () => {
    const party = await launch(`${NODE} ${FIXTURE}`);
    party.pause();
    await expect(client.fetch(`${party.url}/health`, { timeoutMs: 300 })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    party.resume();
    expect((await get(party, '/health')).status).toBe(200);
  });

  it('stop reaches every process the command started, and removes the data folder it made', async () => {
    const party = await launch(`${NODE} ${FIXTURE}`, { env: { FIXTURE_CHILD: '1' } });
    const body = (await get(party, '/health')).body;
    expect(body.status).toBe('up');
    const grandchild = await findGrandchild(party.pid);
    expect(alive(grandchild)).toBe(true);
    await party.stop();
    parties.splice(parties.indexOf(party), 1);
    await expect.poll(() => alive(grandchild), { timeout: 3_000 }).toBe(false);
  });

  it('a production start (testMode false) gets no TEKIGO_TEST_MODE and answers 404 under /conformance/', async () => {
    const party = await launch(`${NODE} ${FIXTURE}`, { testMode: false });
    expect((await get(party, '/conformance/count', 'POST')).body).toEqual({ type: 'not-test-mode' });
  });

  it('reads the log from the declared file, with {dataDir} substituted', async () => {
    const dataDir = mkdtempSync(path.join(scratch, 'data-'));
    const party = await launch(`${NODE} ${FIXTURE}`, {
      dataDir,
      env: { FIXTURE_LOG_FILE: path.join(dataDir, 'events.log') },
      logs: { file: '{dataDir}/events.log' },
    });
    await client.fetch(`${party.url}/health`, { timeoutMs: 3_000, headers: { 'x-correlation-id': 'c-42' } });
    expect(party.logs().some((line) => line.includes('"correlationId":"c-42"'))).toBe(true);
    await party.stop();
    parties.length = 0;
    expect(existsSync(dataDir)).toBe(true);
  });

  it('a command that exits before it is healthy fails with one line: its exit code and last stderr lines', async () => {
    const error = await launch('echo "no config found" >&2; exit 3').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LAUNCH_FAILED' });
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('exited with code 3');
    expect(message).toContain('no config found');
  });

  it('a command that never answers its health path fails after startTimeoutMs, and is killed', async () => {
    const started = performance.now();
    const error = await launchCommand({
      name: 'silent',
      launch: { command: `${NODE} -e "setInterval(() => {}, 1000)"`, startTimeoutMs: 600 },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LAUNCH_TIMEOUT' });
    expect((error as Error).message).toMatch(
      /gave no 200 on GET http:\/\/127\.0\.0\.1:\d+\/health within 600 ms/,
    );
    expect(performance.now() - started).toBeLessThan(8_000);
  });
});

/** The fixture's grandchild: the one process in the group that is neither the shell nor the server. */
async function findGrandchild(leader: number): Promise<number> {
  const { readdirSync } = await import('node:fs');
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pgid = Number(fields[2]);
      if (pgid === leader && Number(entry) !== leader) {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (cmdline.includes('setInterval')) return Number(entry);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no grandchild in process group ${leader}`);
}
