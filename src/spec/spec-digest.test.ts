import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureSpecsDir } from './fixtures/fixture-specs.ts';
import { specDigest } from './spec-digest.ts';

const fixtureSpecs = fixtureSpecsDir;

describe('specDigest', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tekigo-digest-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('is sha256:<hex> and stable across calls', async () => {
    const first = await specDigest(fixtureSpecs);
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await specDigest(fixtureSpecs)).toBe(first);
  });

  test('changes when any file changes, and not when nothing does', async () => {
    const copy = join(dir, 'changed');
    await cp(fixtureSpecs, copy, { recursive: true });
    const original = await specDigest(fixtureSpecs);
    expect(await specDigest(copy)).toBe(original);
    await writeFile(join(copy, 'schemas', 'extra.txt'), 'x');
    expect(await specDigest(copy)).not.toBe(original);
  });

  test('is the same for CRLF and LF line endings', async () => {
    const lf = join(dir, 'lf');
    const crlf = join(dir, 'crlf');
    await mkdir(lf);
    await mkdir(crlf);
    await writeFile(join(lf, 'a.yaml'), 'one\ntwo\n');
    await writeFile(join(crlf, 'a.yaml'), 'one\r\ntwo\r\n');
    expect(await specDigest(crlf)).toBe(await specDigest(lf));
  });

  test('follows the definition in specs/README.md byte for byte', async () => {
    const tree = join(dir, 'definition');
    await mkdir(join(tree, 'b'), { recursive: true });
    await writeFile(join(tree, 'b', 'c.json'), '{}\r\n');
    await writeFile(join(tree, 'a.md'), 'lone\rcarriage return\n');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const expected = sha(`a.md\0${sha('lone\rcarriage return\n')}\nb/c.json\0${sha('{}\n')}\n`);
    expect(await specDigest(tree)).toBe(`sha256:${expected}`);
  });
});
