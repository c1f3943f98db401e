import { describe, expect, it } from 'vitest';
import { langFromLocale, resolveLang } from './lang.ts';

describe('langFromLocale', () => {
  it.each([
    [{ LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'ja' }, 'ja'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{}, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' }, 'en'],
    [{ LC_MESSAGES: 'ja_JP.eucJP', LANG: 'en_GB.UTF-8' }, 'ja'],
    [{ LC_ALL: '', LC_MESSAGES: '', LANG: 'ja_JP.UTF-8' }, 'ja'],
  ] as const)('%j gives %s', (env, lang) => {
    expect(langFromLocale(env)).toBe(lang);
  });
});

describe('resolveLang', () => {
  it('prefers --lang over the locale', () => {
    expect(resolveLang('en', { LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(resolveLang('ja', { LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(resolveLang(undefined, { LANG: 'ja_JP.UTF-8' })).toBe('ja');
  });
});
