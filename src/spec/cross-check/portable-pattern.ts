/**
 * Whether a `pattern` keeps to the regular-expression subset that JSON Schema recommends for
 * interoperability (json-schema.org, "Regular Expressions"): literal characters, `.`, `^` at the
 * start and `$` at the end, groups `( )`, alternation `|`, character classes `[abc]`, `[a-z]`,
 * `[^…]`, the quantifiers `+ * ?` and `{n}`, `{n,}`, `{n,m}` (each optionally lazy with `?`), and
 * the lookaheads `(?= )` and `(?! )`. No backslash escapes at all, so no `\u`, `\d` or `\z` whose
 * meaning differs between engines. Returns the reasons it does not, empty when it does.
 */
export function portablePatternProblems(pattern: string): string[] {
  const problems: string[] = [];
  const chars = [...pattern];
  let depth = 0;
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (c === '\\') {
      problems.push(`escape \\${chars[i + 1] ?? ''} at ${i}: write the character itself`);
      i += 2;
      continue;
    }
    if (c === '^' && i !== 0) problems.push(`^ at ${i}: only at the start`);
    if (c === '$' && i !== chars.length - 1) problems.push(`$ at ${i}: only at the end`);
    if (c === '[') {
      let j = i + 1;
      if (chars[j] === '^') j++;
      if (chars[j] === ']') j++;
      while (j < chars.length && chars[j] !== ']') {
        if (chars[j] === '\\')
          problems.push(`escape in a character class at ${j}: write the character itself`);
        if (chars[j] === '[')
          problems.push(`[ inside a character class at ${j}: class syntax differs between engines`);
        j++;
      }
      if (j >= chars.length) problems.push(`unclosed character class at ${i}`);
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (chars[i + 1] === '?') {
        const kind = chars[i + 2];
        if (kind !== '=' && kind !== '!') problems.push(`(?${kind ?? ''} at ${i}: use a plain group ( )`);
        i += 3;
        depth++;
        continue;
      }
      depth++;
    }
    if (c === ')') {
      depth--;
      if (depth < 0) problems.push(`unbalanced ) at ${i}`);
    }
    if (c === '{') {
      const close = chars.indexOf('}', i);
      const body = close < 0 ? '' : chars.slice(i + 1, close).join('');
      if (!/^[0-9]+(,[0-9]*)?$/.test(body)) problems.push(`{ at ${i}: only {n}, {n,} or {n,m}`);
      i = close < 0 ? chars.length : close + 1;
      continue;
    }
    if (c === '}' || c === ']') problems.push(`unmatched ${c} at ${i}`);
    i++;
  }
  if (depth > 0) problems.push('unbalanced (');
  return problems;
}
