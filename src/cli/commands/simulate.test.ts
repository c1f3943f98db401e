import { describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

describe('tekigo simulate national-day, bad input', () => {
  it.each([
    [['--scale', '0'], /--scale 0 is not a number above 0/],
    [['--scale', 'lots'], /--scale lots/],
    [['--target', 'ftp://center'], /--target ftp:\/\/center is not an http\(s\) URL/],
  ])('%j is exit 2 with one line saying what to give', async (options, message) => {
    const result = await cli('simulate', 'national-day', ...options);
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(message);
  });

  it('a center that does not answer is exit 2 naming it', async () => {
    const result = await cli('simulate', 'national-day', '--scale', '0.01', '--target', 'http://127.0.0.1:9');
    expect(result.code).toBe(2);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/cannot reach the national center at http:\/\/127.0.0.1:9/);
  });
});
