import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Catalog, loadCatalog } from './catalog.ts';
import { compileSchemas, type SchemaSet } from './compile-schemas.ts';
import { specDigest } from './spec-digest.ts';

/** The open protocol, loaded from a `specs/` folder and compiled. */
export interface Spec extends SchemaSet {
  readonly specsDir: string;
  /** `sha256:<hex>` over the whole folder, as specs/README.md defines it. */
  readonly digest: string;
  readonly catalog: Catalog;
}

export interface LoadSpecOptions {
  /** Defaults to the `specs/` folder shipped with this package. */
  readonly specsDir?: string | undefined;
}

/** The `specs/` folder beside `src/`, wherever the package is installed and whatever the cwd. */
export const defaultSpecsDir = (): string => fileURLToPath(new URL('../../specs/', import.meta.url));

const loaded = new Map<string, Promise<Spec>>();

/** Loads and compiles a spec folder once per process; later calls for the same folder share it. */
export function loadSpec(options: LoadSpecOptions = {}): Promise<Spec> {
  const specsDir = resolve(options.specsDir ?? defaultSpecsDir());
  let spec = loaded.get(specsDir);
  if (spec === undefined) {
    spec = buildSpec(specsDir);
    loaded.set(specsDir, spec);
    // A failed load is not cached, so a corrected spec loads on the next call.
    spec.catch(() => loaded.delete(specsDir));
  }
  return spec;
}

async function buildSpec(specsDir: string): Promise<Spec> {
  // One after the other, so a broken folder always reports the same first problem.
  const schemas = await compileSchemas(specsDir);
  const catalog = await loadCatalog(specsDir);
  const digest = await specDigest(specsDir);
  return { ...schemas, specsDir, digest, catalog };
}
