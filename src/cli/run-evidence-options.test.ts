import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './main.ts';

async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tekigo-run-options-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('tekigo run: waivers, certification and bundles are checked before anything starts', () => {
  test('--certification with --waivers is exit 2, one line', async () => {
    const result = await cli('run', '--role', 'national-center', '--certification', '--waivers', 'w.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([expect.stringMatching(/^tekigo: --certification refuses --waivers/)]);
  });

  test('a waivers file that breaks its schema is exit 2, naming the field', async () => {
    const file = join(dir, 'w.yaml');
    await writeFile(file, 'waivers:\n  - test: NC-H01\n    reason: r\n    link: l\n    expires: soon\n');
    const result = await cli('run', '--role', 'national-center', '--waivers', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([expect.stringMatching(/\/waivers\/0\/expires must match format "date"/)]);
  });

  test('verify and rejudge of a folder that is no bundle are exit 2, one line', async () => {
    for (const command of ['verify', 'rejudge']) {
      const result = await cli(command, dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toEqual([expect.stringMatching(/is not a tekigo bundle/)]);
    }
  });

  test('coverage without reports is exit 2, saying which runs to make', async () => {
    const result = await cli('coverage', '--role', 'national-center', '--reports', dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([
      expect.stringMatching(/run tekigo run --role national-center --target reference/),
    ]);
  });
});
