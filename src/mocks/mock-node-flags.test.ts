import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MOCK_NODE_FLAGS } from './mock-node-flags.ts';

describe('MOCK_NODE_FLAGS', () => {
  it('are the options the mock image starts Node with, before the entry', () => {
    const dockerfile = readFileSync(
      new URL('../../test-env/containers/images/mock.Dockerfile', import.meta.url),
      'utf8',
    );
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(entrypoint, 'mock.Dockerfile has a JSON ENTRYPOINT').toBeDefined();
    const argv = JSON.parse(entrypoint as string) as string[];
    const entry = argv.indexOf('/app/src/mocks/main.js');
    expect(argv.slice(1, entry)).toEqual(MOCK_NODE_FLAGS);
  });

  it('are options this Node accepts', () => {
    const run = spawnSync(process.execPath, [...MOCK_NODE_FLAGS, '-e', 'process.exit(0)'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
