import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/tekigo.js', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
};
// A Node older than tekigo supports, where the machine has one (Debian's Node 20 on these machines).
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
  (candidate) =>
    existsSync(candidate) &&
    Number(spawnSync(candidate, ['-p', 'process.versions.node']).stdout.toString().split('.')[0]) < 22,
);

describe('bin/tekigo.js', () => {
  test('states the same Node range as engines in package.json', () => {
    expect(readFileSync(bin, 'utf8')).toContain(`const NODE_RANGE = '${packageJson.engines.node}';`);
  });

  test('on an older Node, every command prints one line and exits 2', (context) => {
    if (oldNode === undefined)
      context.skip(
        'no Node older than 22 on this machine (looked for /usr/bin/node and /usr/local/bin/node)',
      );
    for (const args of [['--help'], ['list'], ['run', '--role', 'certification-authority']]) {
      const result = spawnSync(oldNode as string, [bin, ...args], { encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^tekigo: needs Node\.js \^22\.22\.0 .*, but this is Node\.js 20\.[^\n]*\n$/,
      );
    }
  });
});
