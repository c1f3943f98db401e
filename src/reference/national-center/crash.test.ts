import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Arrival,
  acknowledge,
  call,
  cardBatch,
  change,
  type Json,
  RESIDENTS,
  startPeer,
  TOKYO,
} from './nc-test-harness.ts';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Launches the center through its process entry; resolves with its URL once it listens. */
async function launch(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, '--test-mode', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the center did not listen within 30 s')), 30_000);
    lines.on('line', (line) => {
      const event = JSON.parse(line) as { event?: string; url?: string };
      if (event.event === 'listening' && event.url) {
        clearTimeout(timer);
        resolve(event.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`the center exited with ${code}`)));
  });
  return { child, url };
}

describe('card batch across a crash (SIGKILL through the process entry)', () => {
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tekigo-nc-crash-'));
  afterEach(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is never completed before every record is registered, loses nothing and resumes after restart', {
    timeout: 90_000,
  }, async () => {
    const municipality = await startPeer(acknowledge);
    try {
      const args = ['--data-dir', dataDir, '--peer', `municipality=${municipality.server.url}`];
      const first = await launch(['--port', '0', ...args]);
      children.push(first.child);
      const [A, B, C] = RESIDENTS;
      const births = [A, B, C].map((code) => change(code, 'birth'));
      const rc = await call(
        'POST',
        '/resident-changes',
        {
          batchId: crypto.randomUUID(),
          sentAt: new Date().toISOString(),
          municipalityCode: TOKYO,
          records: births,
        },
        first.url,
      );
      expect(rc.status).toBe(200);
      await call(
        'PUT',
        '/conformance/hooks',
        { cardProcessing: { hold: 'processing', decideBeforeHold: 1 } },
        first.url,
      );
      const batch = cardBatch([A, B, C]);
      expect((await call('POST', '/card-batches', batch, first.url)).status).toBe(202);
      const polls: Json[] = [];
      const poll = async (url: string) => {
        const body = (await call('GET', `/card-batches/${batch.batchId}`, undefined, url)).body;
        polls.push(body);
        return body;
      };
      let held: Json;
      for (;;) {
        held = await poll(first.url);
        if (held.counts.registered === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));

      const port = new URL(first.url).port;
      const second = await launch(['--port', port, ...args]);
      children.push(second.child);
      const after = await poll(second.url);
      expect(after.state).toBe('processing');
      expect(after.records[0]).toEqual(held.records[0]);
      expect(after.counts).toEqual({ total: 3, pending: 2, registered: 1, failed: 0 });
      await call('PUT', '/conformance/hooks', {}, second.url);
      for (;;) {
        const body = await poll(second.url);
        if (body.state === 'completed') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const body of polls) {
        const outcomes = body.records.map((r: { outcome: string }) => r.outcome);
        expect(body.counts.registered).toBe(outcomes.filter((o: string) => o === 'registered').length);
        expect(body.counts.pending).toBe(outcomes.filter((o: string) => o === 'pending').length);
        if (body.state === 'completed') expect(outcomes).toEqual(['registered', 'registered', 'registered']);
      }
      const notices = await new Promise<Arrival[]>((resolve) => {
        const check = () =>
          municipality.arrivals.length > 0 ? resolve(municipality.arrivals) : setTimeout(check, 20);
        check();
      });
      expect(notices[0]?.body).toMatchObject({ batchId: batch.batchId, final: true });
    } finally {
      await municipality.server.stop();
    }
  });
});
