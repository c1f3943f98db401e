import { describe, expect, it } from 'vitest';
import { itemsDigest } from '../reference/shared/items-digest.ts';
import { canonicalJson, sha256Hex } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys recursively, keeps array order and drops whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: { d: true, c: 'x' } })).toBe(
      '{"a":{"c":"x","d":true},"b":[3,{"a":null,"z":1}]}',
    );
  });

  it('orders keys by UTF-16 code units and serialises numbers and strings as ECMAScript does (RFC 8785)', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, '\u0080': 5 })).toBe(
      '{"\\r":2,"1":4,"\u0080":5,"\u20ac":1,"\ud83d\ude00":3}',
    );
    expect(canonicalJson([1e21, 0.1, -0, 4.5e-7, 'tab\there'])).toBe('[1e+21,0.1,0,4.5e-7,"tab\\there"]');
  });
});

describe('itemsDigest', () => {
  // Cross-checked outside this code base: the keys-sorted, separator-free UTF-8 JSON of these
  // items, hashed with SHA-256.
  const items = {
    sex: 'female',
    name: { kana: 'ヤマダ ハナコ', kanji: '山田𠮷子' },
    address: '東京都千代田区千代田1-1',
    dateOfBirth: '1990-04-01',
  };

  it('hashes the canonical JSON of the four items, including non-BMP kanji', () => {
    expect(canonicalJson(items)).toBe(
      '{"address":"東京都千代田区千代田1-1","dateOfBirth":"1990-04-01","name":{"kana":"ヤマダ ハナコ","kanji":"山田𠮷子"},"sex":"female"}',
    );
    expect(itemsDigest(items)).toBe('483edf1a2767d8516ee0f84c5e28e3603ec432d3025da28e452c3019dcbf72cd');
  });

  it('does not depend on the order the items were written in', () => {
    expect(sha256Hex(JSON.stringify(items))).toBe(
      'a8624db7a085f95ceea91543b99ec0d12f787f06b3b62505f190b4e2a2775bc2',
    );
    expect(
      itemsDigest({
        dateOfBirth: items.dateOfBirth,
        address: items.address,
        name: items.name,
        sex: items.sex,
      }),
    ).toBe(itemsDigest(items));
  });
});
