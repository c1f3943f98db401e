import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { TekigoSpecError } from '../errors.ts';

const CR = 0x0d;
const LF = 0x0a;

/** Bytes with every CRLF replaced by LF, so a checkout with either line ending digests the same. */
function normaliseLineEndings(bytes: Buffer): Buffer {
  if (!bytes.includes(CR)) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (!(bytes[i] === CR && bytes[i + 1] === LF)) out[length++] = bytes[i] as number;
  }
  return out.subarray(0, length);
}

const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/**
 * The spec digest of specs/README.md ("Spec digest"): `sha256:<hex>` over one line
 * `<path>\0<sha256 of content>\n` per file below `specsDir`, with POSIX paths relative to
 * `specsDir`, sorted by their UTF-8 bytes, and content with CRLF normalised to LF.
 */
export async function specDigest(specsDir: string): Promise<string> {
  const entries = await readdir(specsDir, { recursive: true, withFileTypes: true }).catch(
    (cause: unknown) => {
      throw new TekigoSpecError(
        'SPECS_NOT_FOUND',
        `cannot compute the spec digest: ${specsDir} cannot be read (${(cause as Error).message}). Point to a specs/ folder`,
        { specsDir },
        { cause },
      );
    },
  );
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(specsDir, sep).length).split(sep).join('/'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash('sha256');
  for (const path of paths) {
    const content = normaliseLineEndings(await readFile(join(specsDir, path)));
    hash.update(`${path}\0${sha256Hex(content)}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}
