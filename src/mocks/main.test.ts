import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../transport/index.ts';
import { connectMock } from './connect-mock.ts';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

function launch(args: string[]): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  return { child, lines };
}

async function firstLine(lines: AsyncIterator<string>, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no line on stdout within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const next = await Promise.race([lines.next(), timeout]);
    return JSON.parse(String(next.value));
  } finally {
    clearTimeout(timer);
  }
}

describe('mock process (src/mocks/main.ts)', () => {
  let child: ChildProcess | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('announces its URL, loads --faults, logs exchanges when --verbose and exits on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tekigo-mock-'));
    dirs.push(dir);
    const script = join(dir, 'faults.json');
    await writeFile(
      script,
      JSON.stringify({ rules: [{ id: 'teapot', path: '/health', action: { kind: 'status', status: 418 } }] }),
    );
    const launched = launch(['--role', 'national-center', '--port', '0', '--faults', script, '--verbose']);
    child = launched.child;
    const listening = await firstLine(launched.lines);
    expect(listening).toMatchObject({
      event: 'listening',
      role: 'national-center',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });

    const handle = connectMock(String(listening.url), 'national-center');
    const response = await fetchHealth(String(listening.url));
    expect(response).toBe(418);
    expect(await firstLine(launched.lines)).toMatchObject({
      event: 'exchange',
      path: '/health',
      status: 418,
      faults: ['teapot'],
    });
    expect((await handle.ledgerEntries()).some((e) => e.kind === 'fault')).toBe(true);
    await handle.stop();

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it.each([
    [['--role', 'nobody'], 'UNKNOWN_MOCK_ROLE'],
    [['--role', 'national-center', '--peer', 'revocation-requests'], 'INVALID_PEER'],
    [['--role', 'national-center', '--peer', 'nothing=http://127.0.0.1:1'], 'UNKNOWN_INTERFACE'],
  ])('exits with 2 and a JSON reason for %j', async (args, expected) => {
    const launched = launch(args);
    child = launched.child;
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    // 'close' comes after stderr has been read to its end; 'exit' may come before.
    const [code] = await once(child, 'close');
    expect(code).toBe(2);
    expect(JSON.parse(stderr.trim())).toMatchObject({ event: 'failed', code: expected });
  });
});

async function fetchHealth(url: string): Promise<number> {
  const http = createHttpClient();
  try {
    return (await http.fetch(`${url}/health`, { timeoutMs: 5_000 })).status;
  } finally {
    await http.close();
  }
}
