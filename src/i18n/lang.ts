import type { OptionDefinition } from '../cli/command-definition.ts';

/** The languages tekigo writes its output in. */
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The language of the user's locale, as POSIX resolves the message category: the first of
 * `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty; `ja`, `ja_JP.UTF-8`… give Japanese,
 * anything else English.
 */
export function langFromLocale(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** `--lang` when given (the parser has checked it is one of LANGS), else the locale's. */
export function resolveLang(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  return option === 'ja' || option === 'en' ? option : langFromLocale(env);
}

/** The `--lang` option, the same on every command that writes for people. */
export const langOption = {
  type: 'string',
  valueName: 'lang',
  choices: LANGS,
  description:
    'language of the output, ja or en (default: ja when LC_ALL, LC_MESSAGES or LANG starts with ja, else en)',
} as const satisfies OptionDefinition;
