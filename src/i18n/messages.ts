import { en, type Messages } from './en.ts';
import { ja } from './ja.ts';
import type { Lang } from './lang.ts';

export type { Messages } from './en.ts';

const TABLES: Readonly<Record<Lang, Messages>> = { en, ja };

/** The texts of one language: `messages('ja')['verdict.fail']` is 不合格. */
export function messages(lang: Lang): Messages {
  return TABLES[lang];
}

/** A verdict or `untested` in words of the language. */
export function verdictWord(t: Messages, verdict: string): string {
  const key = `verdict.${verdict}`;
  return key in t ? (t[key as keyof Messages] as string) : verdict;
}

/** A role's name in words of the language; an unknown role is shown as given. */
export function roleName(t: Messages, role: string): string {
  const key = `role.${role}`;
  return key in t ? (t[key as keyof Messages] as string) : role;
}
