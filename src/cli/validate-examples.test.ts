import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadExamples } from '../spec/examples.ts';
import { defaultSpecsDir } from '../spec/load-spec.ts';
import { runCli } from './main.ts';

// The acceptance of the open spec, through the CLI a user runs: `tekigo validate` exits with
// the code each example declares (0 valid, 1 invalid naming the declared pointer).
describe('tekigo validate on every example of specs/', async () => {
  const specsDir = defaultSpecsDir();
  const examples = await loadExamples(specsDir);

  test.for(examples.map((example) => [example.path, example] as const))('%s', async ([, example]) => {
    const declared = example.declared as { valid: boolean; instancePath?: string };
    const stdout: string[] = [];
    const code = await runCli(['validate', example.messageType, join(specsDir, example.path)], {
      stdout: (line) => stdout.push(line),
      stderr: (line) => stdout.push(line),
    });
    expect(code).toBe(declared.valid ? 0 : 1);
    if (!declared.valid) {
      const pointer = declared.instancePath === '' ? '/' : declared.instancePath;
      expect(stdout.some((line) => line.startsWith(`${pointer} `))).toBe(true);
    }
  });
});
