import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGE_TYPES_FILE, renderMessageTypes } from './message-types-generator.ts';

/** Writes `src/spec/message-types.generated.ts` from `specs/schemas`. */
const root = fileURLToPath(new URL('../../', import.meta.url));
await writeFile(join(root, MESSAGE_TYPES_FILE), await renderMessageTypes());
process.stdout.write(`wrote ${MESSAGE_TYPES_FILE}\n`);
