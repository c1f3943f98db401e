import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultSpecsDir } from './load-spec.ts';
import {
  PROBLEM_NAMES,
  PROBLEM_TYPES,
  problem,
  problemForStatus,
  problemNameOf,
  problemTypeUri,
} from './problem-types.ts';

const specsDir = defaultSpecsDir();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** `{ type: { const: urn }, status: { const: n } }` pairs in the OpenAPI responses. */
function declaredStatuses(value: unknown, found: Map<string, Set<number>> = new Map()) {
  if (Array.isArray(value)) for (const item of value) declaredStatuses(item, found);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, { const?: unknown } | undefined>;
    const type = record.type?.const;
    const status = record.status?.const;
    if (typeof type === 'string' && typeof status === 'number') {
      found.set(type, (found.get(type) ?? new Set()).add(status));
    }
    for (const child of Object.values(record)) declaredStatuses(child, found);
  }
  return found;
}

describe('problem types', () => {
  it('lists exactly the names of specs/README.md', () => {
    const readme = readFileSync(join(specsDir, 'README.md'), 'utf8');
    const sentence = /`urn:tekigo:problem:<name>` with names ([\s\S]*?)\.\n/.exec(readme)?.[1] ?? '';
    const names = [...sentence.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    expect([...PROBLEM_NAMES].sort()).toEqual([...names].sort());
  });

  it('knows every problem type named anywhere in specs/', () => {
    const unknown = filesUnder(specsDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/urn:tekigo:problem:([a-z][a-z-]*[a-z])/g)]
        .filter((m) => problemNameOf(`urn:tekigo:problem:${m[1]}`) === undefined)
        .map((m) => `${relative(specsDir, file)}: ${m[0]}`),
    );
    expect(unknown).toEqual([]);
  });

  it('gives the status the OpenAPI documents declare for a type', () => {
    const openapi = join(specsDir, 'openapi');
    const found = new Map<string, Set<number>>();
    for (const file of filesUnder(openapi).filter((f) => f.endsWith('.yaml')))
      declaredStatuses(parse(readFileSync(file, 'utf8')), found);
    expect(found.size).toBeGreaterThan(5);
    const mismatched = [...found].flatMap(([type, statuses]) => {
      const name = problemNameOf(type);
      return name !== undefined && !statuses.has(PROBLEM_TYPES[name].status)
        ? [`${type}: spec ${[...statuses].join('/')}, list ${PROBLEM_TYPES[name].status}`]
        : [];
    });
    expect(mismatched).toEqual([]);
  });

  it('builds bodies from the list, with overrides', () => {
    expect(problem('payload-too-large')).toEqual({
      type: 'urn:tekigo:problem:payload-too-large',
      title: 'Payload too large',
      status: 413,
    });
    expect(
      problem('validation', { status: 422, detail: 'd', correlationId: 'c-1', errors: [] }),
    ).toMatchObject({ type: problemTypeUri('validation'), status: 422, detail: 'd', correlationId: 'c-1' });
    expect(problemForStatus(503).type).toBe('urn:tekigo:problem:unavailable');
    expect(problemForStatus(599).type).toBe('urn:tekigo:problem:internal');
    expect(problemForStatus(418)).toMatchObject({ type: 'urn:tekigo:problem:validation', status: 418 });
    expect(problemNameOf('about:blank')).toBeUndefined();
    expect(problemNameOf('urn:tekigo:problem:toString')).toBeUndefined();
  });
});
