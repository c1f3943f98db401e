import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The version of this copy of tekigo: the tag of the images `tekigo env build-images` made from it. */
export function tekigoImageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return version;
}

export type ImageKind = 'mock' | 'reference';

/** The tags `build-images` gives, e.g. `tekigo-mock:0.1.0`; `latest` is tagged as well. */
export const imageName = (kind: ImageKind, version: string = tekigoImageVersion()): string =>
  `tekigo-${kind}:${version}`;

/** The port every party listens on inside its container. */
export const PARTY_PORT = 8080;
