import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MessageTypes, RevocationBatchRequest } from './message-types.generated.ts';
import { isGeneratedSource, MESSAGE_TYPES_DIR, renderMessageTypes } from './message-types-generator.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('generated message types', () => {
  it('are in step with specs/schemas (regenerate with npx tsx src/spec/generate-message-types.ts)', async () => {
    const files = await renderMessageTypes();
    for (const file of files) {
      const onDisk = await readFile(join(root, file.path), 'utf8').catch(() => undefined);
      expect(onDisk === file.source, `${file.path} is stale`).toBe(true);
    }
    const expected = files
      .map((file) => file.path)
      .filter((path) => path.startsWith(`${MESSAGE_TYPES_DIR}/`));
    // Only the generated sources count: `npm run build` writes .js and .d.ts beside them.
    const present = (await readdir(join(root, MESSAGE_TYPES_DIR)))
      .filter(isGeneratedSource)
      .map((name) => `${MESSAGE_TYPES_DIR}/${name}`);
    expect(present.sort(), `${MESSAGE_TYPES_DIR} holds a file the schemas no longer make`).toEqual(
      expected.sort(),
    );
  }, 30_000);

  it('name every message type', () => {
    expectTypeOf<MessageTypes['revocation-requests/batch-request']>().toEqualTypeOf<RevocationBatchRequest>();
    expectTypeOf<MessageTypes['common/problem']['status']>().toEqualTypeOf<number>();
  });

  it('split into one file per schema folder, none importing another folder but common', async () => {
    const files = await renderMessageTypes();
    for (const file of files.filter((f) => f.path.startsWith(`${MESSAGE_TYPES_DIR}/`))) {
      const imported = [...file.source.matchAll(/from '\.\/([\w-]+)\.generated\.ts'/g)].map((m) => m[1]);
      expect(
        imported.every((folder) => folder === 'common'),
        file.path,
      ).toBe(true);
    }
  }, 30_000);
});
