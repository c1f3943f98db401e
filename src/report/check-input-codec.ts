/**
 * Check inputs as JSON: a `Set` is written `{ "$set": [...] }` and a `Map` `{ "$map": [[k, v], ...] }`,
 * so `tekigo rejudge` hands a check the same kinds of values it was given during the run.
 */
export function encodeCheckValue(value: unknown): unknown {
  if (value instanceof Set) return { $set: [...value].map(encodeCheckValue) };
  if (value instanceof Map)
    return { $map: [...value].map(([k, v]) => [encodeCheckValue(k), encodeCheckValue(v)]) };
  if (Array.isArray(value)) return value.map(encodeCheckValue);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeCheckValue(v)]));
  }
  return value;
}

const only = (value: object, key: string): boolean => {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key;
};

export function decodeCheckValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeCheckValue);
  if (value === null || typeof value !== 'object') return value;
  const tagged = value as { $set?: unknown; $map?: unknown };
  if (only(value, '$set') && Array.isArray(tagged.$set)) return new Set(tagged.$set.map(decodeCheckValue));
  if (only(value, '$map') && Array.isArray(tagged.$map)) {
    return new Map(
      (tagged.$map as [unknown, unknown][]).map(([k, v]) => [decodeCheckValue(k), decodeCheckValue(v)]),
    );
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeCheckValue(v)]));
}
