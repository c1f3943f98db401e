import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSpecsDir } from '../spec/load-spec.ts';
import { INTERFACES } from './interfaces.ts';

describe('the mocks interface table', () => {
  it('says what the table of specs/README.md says', () => {
    const readme = readFileSync(join(defaultSpecsDir(), 'README.md'), 'utf8');
    for (const spec of Object.values(INTERFACES)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${spec.name} |`));
      expect(row, spec.name).toBeDefined();
      expect(row).toContain(`${spec.from} → ${spec.to}`);
      expect(row).toContain(`\`${spec.method} ${spec.path}\``);
      expect(row).toContain(`\`${spec.requestType}\``);
      expect(row).toContain(`\`${spec.responseType}\``);
    }
  });
});
