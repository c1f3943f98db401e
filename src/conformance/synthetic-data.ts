import { computeResidentCodeCheckDigit } from '../spec/formats.ts';

/**
 * Synthetic residents for stimuli. Resident codes start with 9 and come from a counter, so
 * they are well formed, deterministic per run, and cannot be mistaken for real people.
 */
export interface SyntheticResident {
  readonly residentCode: string;
  readonly municipalityCode: string;
  readonly items: {
    readonly name: { readonly kanji: string; readonly kana: string };
    readonly address: string;
    readonly dateOfBirth: string;
    readonly sex: 'male' | 'female';
  };
}

const GIVEN = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['𠮷男', 'ヨシオ'],
  ['次郎', 'ジロウ'],
] as const;

export function residentCode(n: number): string {
  const base = `9${String(n).padStart(9, '0')}`;
  return `${base}${computeResidentCodeCheckDigit(base)}`;
}

/** `code` with its check digit (the last digit) changed: well formed, yet failing its check. */
export function withWrongCheckDigit(code: string): string {
  return `${code.slice(0, -1)}${(Number(code.slice(-1)) + 1) % 10}`;
}

export function syntheticResident(n: number, municipalityCode = '131016'): SyntheticResident {
  const [kanji, kana] = GIVEN[n % GIVEN.length] ?? GIVEN[0];
  return {
    residentCode: residentCode(n),
    municipalityCode,
    items: {
      name: { kanji: `試験 ${kanji}`, kana: `シケン ${kana}` },
      address: `東京都千代田区試験町${(n % 50) + 1}番${(n % 9) + 1}号`,
      dateOfBirth: `19${String(50 + (n % 50)).padStart(2, '0')}-0${(n % 9) + 1}-1${n % 10}`,
      sex: n % 2 === 0 ? 'male' : 'female',
    },
  };
}

/** A 16-hex-digit serial unique per (run tag, index), so separate tests never collide. */
export function serialNumber(tag: number, n: number): string {
  return `7E${tag.toString(16).toUpperCase().padStart(6, '0')}${n.toString(16).toUpperCase().padStart(8, '0')}`;
}
