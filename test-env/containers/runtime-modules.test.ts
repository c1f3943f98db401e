import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { splitRole } from './images/reference-entry.ts';
import { runtimeModuleFolders } from './runtime-modules.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('runtimeModuleFolders', () => {
  test('holds what the mocks and references import, and not the test tooling', async () => {
    const folders = await runtimeModuleFolders(root);
    for (const needed of ['node_modules/msw', 'node_modules/ajv', 'node_modules/yaml', 'node_modules/undici'])
      expect(folders).toContain(needed);
    for (const unwanted of ['node_modules/vitest', 'node_modules/testcontainers', 'node_modules/typescript'])
      expect(folders).not.toContain(unwanted);
  });

  test('a package the lock does not have is an error naming it', async () => {
    await expect(runtimeModuleFolders(root, ['no-such-package'])).rejects.toThrow(/no-such-package/);
  });
});

describe('the reference image entry', () => {
  test('takes --role out and passes every other argument on', () => {
    expect(splitRole(['--port', '8080', '--role', 'national-center', '--test-mode'])).toEqual({
      role: 'national-center',
      rest: ['--port', '8080', '--test-mode'],
    });
    expect(splitRole(['--role=certification-authority'])).toEqual({
      role: 'certification-authority',
      rest: [],
    });
  });

  test('no role is a usage error', () => {
    expect(() => splitRole(['--test-mode'])).toThrow(expect.objectContaining({ code: 'MISSING_ROLE' }));
  });
});
