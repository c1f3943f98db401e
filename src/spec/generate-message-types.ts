import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isGeneratedSource, MESSAGE_TYPES_DIR, renderMessageTypes } from './message-types-generator.ts';

/** Writes `src/spec/message-types.generated.ts` and `src/spec/message-types/` from `specs/schemas`. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const files = await renderMessageTypes();
const dir = join(root, MESSAGE_TYPES_DIR);
await mkdir(dir, { recursive: true });
const written = new Set(files.map((file) => join(root, file.path)));
// A schema folder that is gone leaves a stale source; the build's .js and .d.ts are not this script's.
for (const name of (await readdir(dir)).filter(isGeneratedSource)) {
  if (!written.has(join(dir, name))) await rm(join(dir, name));
}
for (const file of files) {
  await mkdir(dirname(join(root, file.path)), { recursive: true });
  await writeFile(join(root, file.path), file.source);
  process.stdout.write(`wrote ${file.path}\n`);
}
