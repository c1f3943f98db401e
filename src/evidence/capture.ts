/**
 * What an exchange keeps of headers and bodies. Evidence must stay small enough to embed in
 * reports yet complete enough for the checks: JSON bodies are kept whole (checks read record
 * ids out of them), anything else is kept as text up to a limit.
 */

/** The headers checks rely on; the rest would only make reports larger. */
export const CAPTURED_HEADERS = [
  'content-type',
  'x-correlation-id',
  'retry-after',
  'location',
  'content-length',
] as const;

export const TEXT_BODY_LIMIT = 64 * 1024;

type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | number | undefined>>;

export function captureHeaders(headers: HeaderSource): Record<string, string> {
  const captured: Record<string, string> = {};
  for (const name of CAPTURED_HEADERS) {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    if (value === undefined || value === null) continue;
    captured[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return captured;
}

export const isJsonContentType = (contentType: string | null | undefined): boolean =>
  contentType !== null &&
  contentType !== undefined &&
  /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(contentType);

/**
 * A body as evidence: `null` when empty, the parsed value for a JSON content type that parses,
 * otherwise the text, cut at 64 KiB with a marker saying how long it was.
 */
/** One decoder for every body (decoding without `stream` keeps no state between calls). */
const UTF8 = new TextDecoder();

export function captureBody(
  contentType: string | null | undefined,
  body: string | Uint8Array | null | undefined,
): unknown {
  if (body === null || body === undefined || body.length === 0) return null;
  const text = typeof body === 'string' ? body : UTF8.decode(body);
  if (isJsonContentType(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      // Kept as text: a body that claims JSON but is not is itself evidence.
    }
  }
  return truncateText(text, typeof body === 'string' ? Buffer.byteLength(body) : body.length);
}

export function truncateText(text: string, totalBytes: number): string {
  if (totalBytes <= TEXT_BODY_LIMIT) return text;
  const kept = new TextDecoder().decode(new TextEncoder().encode(text).subarray(0, TEXT_BODY_LIMIT));
  return `${kept}…[truncated: ${totalBytes} bytes in total]`;
}
