import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bundleSpecs, defaultSpecsDir } from './bundle-specs.ts';

describe('specs/bundled', () => {
  test('holds exactly what npm run bundle writes from specs/openapi (run it after changing specs/)', async () => {
    const expected = await bundleSpecs();
    const bundledDir = join(defaultSpecsDir, 'bundled');
    const actual = readdirSync(bundledDir, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split('\\').join('/'))
      .filter((file) => file.endsWith('.yaml'))
      .sort();
    expect(actual).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) {
      expect(readFileSync(join(bundledDir, file), 'utf8'), `specs/bundled/${file}`).toBe(text);
    }
  }, 180_000);
});
