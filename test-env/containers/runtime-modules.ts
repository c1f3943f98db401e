import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TekigoEnvironmentError } from '../../src/errors.ts';

/**
 * What the mock and reference processes import at run time: the image carries these and their
 * dependencies only. The certificate generator (`@peculiar/x509`, `reflect-metadata`) is for the
 * `*-default-credentials` replicas, which make up the material they are not given.
 */
export const RUNTIME_PACKAGES = [
  'ajv',
  'ajv-formats',
  'msw',
  'undici',
  'yaml',
  '@peculiar/x509',
  'reflect-metadata',
] as const;

interface LockEntry {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

/**
 * The `node_modules/…` folders (as package-lock.json names them) that `roots` need at run time,
 * resolved as Node does: a nested copy first, then each enclosing `node_modules` up to the top.
 * Optional dependencies missing from the lock (another platform's binary) are skipped.
 */
export async function runtimeModuleFolders(
  packageRoot: string,
  roots: readonly string[] = RUNTIME_PACKAGES,
): Promise<string[]> {
  const text = await readFile(join(packageRoot, 'package-lock.json'), 'utf8').catch(() => {
    throw new TekigoEnvironmentError(
      'NO_LOCKFILE',
      `${packageRoot} has no package-lock.json, which says what the images need; build the images from a clone of tekigo (npm ci && npm run build && npx tekigo env build-images)`,
    );
  });
  const lock = JSON.parse(text) as { packages: Record<string, LockEntry> };
  const resolveFrom = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (base === '') return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut === -1 ? '' : base.slice(0, cut);
    }
  };
  const found = new Set<string>();
  const visit = (from: string, name: string, required: boolean) => {
    const at = resolveFrom(from, name);
    if (at === undefined) {
      if (required) throw new Error(`package-lock.json has no ${name} reachable from ${from || 'the root'}`);
      return;
    }
    if (found.has(at)) return;
    found.add(at);
    const entry = lock.packages[at] ?? {};
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(at, dep, true);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(at, dep, false);
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      if (entry.peerDependenciesMeta?.[dep]?.optional !== true) visit(at, dep, false);
  };
  for (const root of roots) visit('', root, true);
  return [...found].sort();
}
