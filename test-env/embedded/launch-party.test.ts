import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../src/transport/index.ts';
import { freePort, launchParty, type StartedParty } from './index.ts';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', `${name}.ts`);
const client = createHttpClient();
const parties: StartedParty[] = [];
const logDir = mkdtempSync(path.join(tmpdir(), 'tekigo-embedded-'));

async function launchEcho(args: string[] = ['--port', '0']): Promise<StartedParty> {
  const party = await launchParty({ name: 'echo', entry: fixture('echo-party'), args, logDir });
  parties.push(party);
  return party;
}

async function health(party: StartedParty, timeoutMs = 3_000): Promise<{ status: string; pid: number }> {
  const response = await client.fetch(`${party.url}/health`, { timeoutMs });
  return (await response.json()) as { status: string; pid: number };
}

afterEach(async () => {
  await Promise.all(parties.splice(0).map((party) => party.stop()));
});

afterAll(async () => {
  await client.close();
  rmSync(logDir, { recursive: true, force: true });
});

describe('launchParty', () => {
  it('resolves with a reachable url once the party prints its listening line', async () => {
    const party = await launchEcho();
    expect(party.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await health(party)).toEqual({ status: 'up', pid: party.pid });
    expect(party.logs()[0]).toContain('"event":"listening"');
    // The log file is written through a stream: wait for the line to land rather than race it.
    await vi.waitFor(() => expect(readFileSync(path.join(logDir, 'echo.log'), 'utf8')).toContain(party.url), {
      timeout: 5_000,
    });
  });

  it('pause freezes the party until resume', async () => {
    const party = await launchEcho();
    party.pause();
    await expect(health(party, 300)).rejects.toMatchObject({ name: 'TimeoutError' });
    party.resume();
    expect((await health(party)).status).toBe('up');
  });

  it('kill crashes the party and exited resolves with the signal', async () => {
    const party = await launchEcho();
    expect(await party.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    await expect(party.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('stop ends the party with SIGTERM', async () => {
    const party = await launchEcho();
    expect(await party.stop()).toEqual({ code: 0, signal: null });
  });

  it('restart launches a new process; a fixed port keeps the url', async () => {
    const party = await launchEcho(['--port', String(await freePort())]);
    await party.kill();
    const restarted = await party.restart();
    parties.push(restarted);
    expect(restarted.url).toBe(party.url);
    expect(restarted.pid).not.toBe(party.pid);
    expect(await health(restarted)).toEqual({ status: 'up', pid: restarted.pid });
  });

  it('fails with PARTY_EXITED when the party exits before listening', async () => {
    const failure = launchParty({ name: 'exiting', entry: fixture('exiting-party') });
    await expect(failure).rejects.toMatchObject({
      code: 'PARTY_EXITED',
      details: { code: 3, stderrTail: ['exiting-party: cannot read its configuration'] },
    });
    await expect(failure).rejects.toThrow(/cannot read its configuration/);
  });

  it('fails with PARTY_START_TIMEOUT when the party never prints its listening line', async () => {
    await expect(
      launchParty({ name: 'silent', entry: fixture('silent-party'), startTimeoutMs: 1_000 }),
    ).rejects.toMatchObject({
      code: 'PARTY_START_TIMEOUT',
    });
  });
});
