// Plain JavaScript, so the build also starts on a Node without TypeScript support (an install from git).
// Removes what `npm run build` wrote last time (the .js and .d.ts beside each .ts of src/,
// test-env/ and suites/), so a renamed or deleted source leaves no stale compiled file behind.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const compiled = /\.(js|d\.ts)$/;
let removed = 0;
for (const root of ['src', 'test-env', 'suites']) {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !compiled.test(entry.name)) continue;
    const source = join(entry.parentPath, entry.name.replace(compiled, '.ts'));
    if (existsSync(source)) {
      rmSync(join(entry.parentPath, entry.name));
      removed += 1;
    }
  }
}
if (removed > 0) console.log(`clean-build: removed ${removed} compiled files`);
