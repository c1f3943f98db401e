import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CHECK_REGISTRY, checkRunner } from './check-registry.ts';

const CHECKS_DIR = fileURLToPath(new URL('../checks/', import.meta.url));

/** Names given to checks in src/checks: `defineCheck({ name: '…' })`, `ledgerCheck('…'`, `namedCheck('…'`. */
async function declaredNames(): Promise<string[]> {
  const names: string[] = [];
  for (const file of await readdir(CHECKS_DIR)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'define-check.ts') continue;
    const text = await readFile(`${CHECKS_DIR}${file}`, 'utf8');
    for (const m of text.matchAll(/defineCheck(?:<[^>]*>)?\(\{\s*name:\s*'([^']+)'/g))
      names.push(m[1] as string);
    for (const m of text.matchAll(/(?:ledgerCheck|namedCheck|expectedAnswersCheck)\(\s*'([^']+)'/g))
      names.push(m[1] as string);
    // A check made per requirement whose name carries it: `name: \`relay-baseline:${requirement}\``.
    for (const m of text.matchAll(/name:\s*`([a-z-]+):\$\{requirement\}`/g))
      names.push(`${m[1]}:GEN-TEST-001`);
  }
  return names.sort();
}

describe('check registry', () => {
  test('holds every check src/checks declares, so rejudge can run any recorded check again', async () => {
    const declared = await declaredNames();
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((name) => checkRunner(name) === undefined)).toEqual([]);
  });

  test('a runner refuses an input of the wrong kind instead of guessing', () => {
    const run = CHECK_REGISTRY.get('problem-body');
    expect(() => run?.({ kind: 'args', args: [] }, () => [], [])).toThrow(/takes a value input/);
  });
});
