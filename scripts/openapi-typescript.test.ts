/**
 * openapi-typescript, the usual way to get TypeScript types from an OpenAPI document, generates
 * types for every document (bundled and source) that compile under `tsc --strict`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, test } from 'vitest';
import { repositoryRoot, runTool } from './dev-tool.ts';

const specsDir = join(repositoryRoot, 'specs');
const outDir = join(repositoryRoot, '.tmp', 'openapi-types');

const documents = ['bundled', 'openapi'].flatMap((folder) =>
  readdirSync(join(specsDir, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => `${folder}/${file.split('\\').join('/')}`)
    .sort(),
);

describe('openapi-typescript', () => {
  test('types generated from every OpenAPI document compile under tsc --strict', async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const files: string[] = [];
    for (const document of documents) {
      const ast = await openapiTS(pathToFileURL(join(specsDir, document)));
      const file = join(outDir, `${document.replaceAll('/', '--').replace(/\.yaml$/, '')}.ts`);
      writeFileSync(file, astToString(ast));
      files.push(file);
    }
    expect(files.length).toBeGreaterThan(10);
    const result = await runTool('typescript', 'tsc', [
      '--strict',
      '--noEmit',
      '--skipLibCheck',
      'false',
      '--target',
      'ES2023',
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      ...files,
    ]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);
});
