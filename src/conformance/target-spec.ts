import { TekigoUsageError } from '../errors.ts';

/** What `--target` names: the reference, one replica of it, or a running implementation. */
export type TargetSpec =
  | { readonly kind: 'reference' }
  | { readonly kind: 'replica'; readonly name: string }
  | { readonly kind: 'url'; readonly url: string };

export function parseTarget(value: string): TargetSpec {
  if (value === 'reference') return { kind: 'reference' };
  if (value.startsWith('replica:')) {
    const name = value.slice('replica:'.length);
    if (name === '')
      throw new TekigoUsageError(
        'BAD_TARGET',
        `--target ${value} names no replica. Use replica:NAME (see tekigo replicas)`,
      );
    return { kind: 'replica', name };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TekigoUsageError(
      'BAD_TARGET',
      `--target ${JSON.stringify(value)} is not reference, replica:NAME or an http(s) URL. Use one of those`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TekigoUsageError(
      'BAD_TARGET',
      `--target ${value} uses ${url.protocol}; use an http:// or https:// URL`,
    );
  }
  return { kind: 'url', url: value.replace(/\/+$/, '') };
}

export function formatTarget(target: TargetSpec): string {
  switch (target.kind) {
    case 'reference':
      return 'reference';
    case 'replica':
      return `replica:${target.name}`;
    case 'url':
      return target.url;
  }
}
