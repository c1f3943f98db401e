import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MessageTypes, RevocationBatchRequest } from './message-types.generated.ts';
import { MESSAGE_TYPES_FILE, renderMessageTypes } from './message-types-generator.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('generated message types', () => {
  it('are in step with specs/schemas (regenerate with npx tsx src/spec/generate-message-types.ts)', async () => {
    const onDisk = await readFile(join(root, MESSAGE_TYPES_FILE), 'utf8');
    expect(onDisk === (await renderMessageTypes()), `${MESSAGE_TYPES_FILE} is stale`).toBe(true);
  }, 30_000);

  it('name every message type', () => {
    expectTypeOf<MessageTypes['revocation-requests/batch-request']>().toEqualTypeOf<RevocationBatchRequest>();
    expectTypeOf<MessageTypes['common/problem']['status']>().toEqualTypeOf<number>();
  });
});
