import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { TekigoUsageError } from '../errors.ts';
import { findJsonSyntaxError } from './json-syntax-error.ts';

/** The byte offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length: number;
    let min: number;
    let max = 0xbf;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF).
      min = b === 0xe0 ? 0xa0 : 0x80;
      max = b === 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = b === 0xf0 ? 0x90 : 0x80;
      max = b === 0xf4 ? 0x8f : 0xbf;
    } else {
      return i;
    }
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k < length; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** Line and column (1-based, in characters) of a byte offset in valid UTF-8 bytes before it. */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: [...(lines.at(-1) ?? '')].length + 1 };
}

async function readBytes(source: string, stdin: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (source === '-') return stdin();
  try {
    return await readFile(source);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (cause as Error).message;
    throw new TekigoUsageError(
      'FILE_UNREADABLE',
      `cannot read ${source}: ${why}. Check the path`,
      { file: source },
      { cause },
    );
  }
}

export async function readStandardInput(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON document from a file or, for `-`, from standard input, and parses it. Refuses,
 * with one line saying where, a UTF-8 byte order mark, bytes that are not UTF-8 (which a lenient
 * decoder would silently replace, hiding the damage) and JSON syntax errors.
 */
export async function readJsonInput(
  source: string,
  stdin: () => Promise<Uint8Array> = readStandardInput,
): Promise<unknown> {
  const name = source === '-' ? 'standard input' : source;
  const bytes = await readBytes(source, stdin);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new TekigoUsageError(
      'UTF8_BOM',
      `cannot read ${name}: it starts with a UTF-8 byte order mark (EF BB BF), which JSON messages must not have (RFC 8259). Save it as UTF-8 without BOM`,
      { file: source },
    );
  }
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    const { line, column } = position(bytes, offset);
    const shown = [...bytes.subarray(offset, offset + 4)]
      .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
      .join(' ');
    throw new TekigoUsageError(
      'INVALID_UTF8',
      `cannot read ${name}: it is not UTF-8 (the sequence at byte offset ${offset}, line ${line} column ${column}, is invalid: ${shown}). Messages are UTF-8; re-encode the file`,
      { file: source, offset, line, column },
    );
  }
  const text = Buffer.from(bytes).toString('utf8');
  const error = findJsonSyntaxError(text);
  if (error !== null) {
    throw new TekigoUsageError(
      'INVALID_JSON',
      `cannot parse ${name} as JSON: ${error.reason} at line ${error.line} column ${error.column} (offset ${error.offset}). Fix the JSON and run again`,
      { file: source, ...error },
    );
  }
  return JSON.parse(text);
}
