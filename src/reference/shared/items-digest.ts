import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';

/** CA-ISS-002: lowercase hex SHA-256 of the canonical JSON (RFC 8785) of the four items at issuance. */
export function itemsDigest(items: unknown): string {
  return sha256Hex(canonicalJson(items));
}
