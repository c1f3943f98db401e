export interface JsonSyntaxError {
  readonly reason: string;
  /** Offset in UTF-16 code units from the start of the text. */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

const END_OF_INPUT = 'Unexpected end of JSON input';

function parseError(text: string): Error | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error as Error;
  }
}

/** A prefix is clean when parsing it fails only because it stops early. */
function isClean(prefix: string): boolean {
  const error = parseError(prefix);
  if (error === null || error.message === END_OF_INPUT) return true;
  const position = /at position (\d+)/.exec(error.message)?.[1];
  return position !== undefined && Number(position) >= prefix.length;
}

/**
 * Where and why `text` is not JSON, or `null` when it is. V8 gives the position for some
 * errors only (not for "Unexpected token"); otherwise the shortest prefix that already holds
 * the error is found by bisection, since a syntax error stays in every longer prefix.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const error = parseError(text);
  if (error === null) return null;
  const reason = error.message
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
  let offset = text.length;
  if (!isClean(text)) {
    let low = 1;
    let high = text.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (isClean(text.slice(0, middle))) low = middle + 1;
      else high = middle;
    }
    offset = low - 1;
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { reason, offset, line, column: offset - before.lastIndexOf('\n') };
}
