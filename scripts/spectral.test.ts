import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sourceDocuments } from './bundle-specs.ts';
import { repositoryRoot, runTool } from './dev-tool.ts';

interface SpectralResult {
  readonly code: string;
  readonly message: string;
  readonly severity: number;
  readonly path: readonly string[];
  readonly source?: string;
}

describe('Spectral (spectral:oas)', () => {
  test('reports no error on any document of specs/bundled', async () => {
    const documents = sourceDocuments(join(repositoryRoot, 'specs')).map((file) => `specs/bundled/${file}`);
    const result = await runTool('@stoplight/spectral-cli', 'spectral', [
      'lint',
      '--ruleset',
      '.spectral.yaml',
      '--format',
      'json',
      '--quiet',
      '--fail-severity',
      'error',
      ...documents,
    ]);
    const findings = JSON.parse(result.stdout || '[]') as SpectralResult[];
    const errors = findings
      .filter((finding) => finding.severity === 0)
      .map((f) => `${f.source}: ${f.code} at ${f.path.join('.')}: ${f.message}`);
    expect(errors).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);
});
