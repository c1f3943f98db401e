import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Once per run, in the process that runs vitest: a folder for the data folders of every target
 * the run starts, removed when the run ends however its workers ended.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataRoot = await mkdtemp(join(tmpdir(), 'tekigo-run-'));
  project.provide('tekigoDataRoot', dataRoot);
  return async () => {
    await rm(dataRoot, { recursive: true, force: true });
  };
}
