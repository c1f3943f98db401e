import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The version of this copy of tekigo: the tag of the images `tekigo env build-images` made from it. */
export function tekigoImageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return version;
}
