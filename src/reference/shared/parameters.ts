import { TekigoUsageError } from '../../errors.ts';

/** Overrides such as `requestTimeoutMs=800` or `retry.maxAttempts=3`, from `--param` or in-process options. */
export type ParameterOverrides = Readonly<Record<string, string | number>>;

/**
 * A copy of `defaults` with `overrides` applied by dotted path. Only existing leaves can be set,
 * and a value must have the default's type, so a typo fails loudly instead of being ignored.
 */
export function applyParameterOverrides<T extends object>(defaults: T, overrides: ParameterOverrides): T {
  const result = structuredClone(defaults) as Record<string, unknown>;
  for (const [path, raw] of Object.entries(overrides)) {
    const keys = path.split('.');
    const leaf = keys.pop() ?? '';
    let parent: Record<string, unknown> | undefined = result;
    for (const key of keys) {
      const child: unknown = parent?.[key];
      parent = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : undefined;
    }
    const current = parent && Object.hasOwn(parent, leaf) ? parent[leaf] : undefined;
    if (parent === undefined || current === undefined || typeof current === 'object') {
      throw new TekigoUsageError(
        'UNKNOWN_PARAMETER',
        `cannot set parameter ${JSON.stringify(path)}: no such parameter. Known: ${leafPaths(defaults).join(', ')}`,
        {
          path,
        },
      );
    }
    if (typeof current === 'number') {
      const value = typeof raw === 'number' ? raw : Number(raw);
      if (typeof raw === 'string' && raw.trim() === '') throw badValue(path, raw, 'a number');
      if (!Number.isFinite(value)) throw badValue(path, raw, 'a number');
      parent[leaf] = value;
    } else {
      parent[leaf] = String(raw);
    }
  }
  return result as T;
}

/** Parses `key=value` strings (the repeated `--param` option). */
export function parseParameterArgs(pairs: readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new TekigoUsageError(
        'BAD_PARAMETER',
        `cannot read --param ${JSON.stringify(pair)}: write it as name=value, e.g. requestTimeoutMs=800`,
        { pair },
      );
    overrides[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return overrides;
}

function badValue(path: string, raw: string | number, expected: string): TekigoUsageError {
  return new TekigoUsageError(
    'BAD_PARAMETER',
    `cannot set parameter ${path} to ${JSON.stringify(raw)}: it must be ${expected}`,
    { path, value: raw },
  );
}

function leafPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null
      ? leafPaths(child as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
