/** One top-level declaration of the generated source: its name, the names it uses, and its text. */
interface Declaration {
  readonly name: string;
  readonly text: string;
  readonly uses: ReadonlySet<string>;
}

/** One generated file: its path below the package root and its source. */
export interface GeneratedFile {
  readonly path: string;
  readonly source: string;
}

/** Where the split files go and what each starts with. */
export interface SplitLayout {
  /** The comment every file starts with. */
  readonly banner: string;
  /** Each message type (`<folder>/<message>`) with the name of its type. */
  readonly messageTypes: ReadonlyMap<string, string>;
  /** The index, relative to the package root. */
  readonly indexPath: string;
  /** The folder of the per-schema-folder files, a sibling of the index. */
  readonly dir: string;
}

const DECLARATION = /^export (?:type|interface) (\w+)/;

/** How far a line of code opens brackets (comments and strings left out). */
function depthChange(line: string): number {
  const code = stripped(line);
  return (code.match(/[{([]/g)?.length ?? 0) - (code.match(/[})\]]/g)?.length ?? 0);
}

/** Names in the order the formatter keeps them: letters regardless of case, capitals first on a tie. */
function byName(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The text without comments and with every string emptied. */
const stripped = (text: string): string =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');

/** The source's top-level declarations, each with the doc comment above it. */
function declarationsOf(source: string): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  let pending: string[] = [];
  let depth = 0;
  let inComment = false;
  for (const line of source.split('\n')) {
    const last = found.at(-1);
    if (depth > 0 && last) {
      last.text = `${last.text}\n${line}`;
      if (line.trimStart().startsWith('/*') || inComment) inComment = !line.includes('*/');
      else depth += depthChange(line);
      continue;
    }
    const name = DECLARATION.exec(line)?.[1];
    if (name) {
      found.push({ name, text: [...pending, line].join('\n') });
      pending = [];
      depth = depthChange(line);
    } else if (pending.length > 0 || line.startsWith('/**')) {
      pending.push(line);
    } else if (line.trim() !== '') {
      throw new Error(`unexpected line between declarations of the generated types: ${line}`);
    }
  }
  return found;
}

/** The declared names a declaration's text uses (comments, strings and property keys left out). */
function usesOf(text: string, declared: ReadonlySet<string>, own: string): Set<string> {
  const code = stripped(text).replace(/\b\w+\??:/g, ' ');
  const names = code.match(/\b[A-Z]\w*\b/g) ?? [];
  return new Set(names.filter((n) => n !== own && declared.has(n)));
}

/**
 * Splits the generated source into one file per schema folder plus an index. A declaration goes
 * to the folder whose message types alone reach it; one reached from several folders goes to
 * `common`, so a folder's file imports only from `common` and never the other way round. The
 * index holds `MessageTypes` and re-exports every file, so `message-types.generated.ts` keeps
 * every name it had.
 */
export function splitMessageTypes(source: string, layout: SplitLayout): GeneratedFile[] {
  const { banner, messageTypes, indexPath, dir } = layout;
  const subdir = dir.split('/').at(-1) ?? dir;
  const raw = declarationsOf(source);
  const declared = new Set(raw.map((d) => d.name));
  const declarations = new Map<string, Declaration>(
    raw.map((d) => [d.name, { ...d, uses: usesOf(d.text, declared, d.name) }]),
  );
  const reachedBy = new Map<string, Set<string>>();
  for (const [type, root] of messageTypes) {
    const folder = type.split('/')[0] ?? type;
    const stack = [root];
    while (stack.length > 0) {
      const name = stack.pop() as string;
      const folders = reachedBy.get(name) ?? new Set<string>();
      if (folders.has(folder)) continue;
      folders.add(folder);
      reachedBy.set(name, folders);
      stack.push(...(declarations.get(name)?.uses ?? []));
    }
  }
  const folderOf = (name: string): string => {
    const folders = [...(reachedBy.get(name) ?? [])];
    return folders.length === 1 && folders[0] ? folders[0] : 'common';
  };
  const byFolder = new Map<string, Declaration[]>();
  const index: Declaration[] = [];
  for (const declaration of declarations.values()) {
    if (!reachedBy.has(declaration.name)) {
      index.push(declaration);
      continue;
    }
    const folder = folderOf(declaration.name);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), declaration]);
  }
  const render = (own: string | undefined, members: readonly Declaration[]): string => {
    const imports = new Map<string, Set<string>>();
    for (const member of members) {
      for (const used of member.uses) {
        const folder = folderOf(used);
        if (folder === own) continue;
        imports.set(folder, (imports.get(folder) ?? new Set()).add(used));
      }
    }
    const importLines = [...imports.keys()].sort().map((folder) => {
      const names = [...(imports.get(folder) ?? [])].sort(byName).join(', ');
      const from = own === undefined ? `./${subdir}/${folder}` : `./${folder}`;
      return `import type { ${names} } from '${from}.generated.ts'`;
    });
    const head = importLines.length > 0 ? `${importLines.join('\n')}\n\n` : '';
    return `${banner}\n${head}${members.map((m) => m.text).join('\n')}\n`;
  };
  const folders = [...byFolder.keys()].sort();
  const files = folders.map((folder) => ({
    path: `${dir}/${folder}.generated.ts`,
    source: render(folder, byFolder.get(folder) ?? []),
  }));
  const reexports = folders.map((folder) => `export * from './${subdir}/${folder}.generated.ts'`).join('\n');
  const indexSource = render(undefined, index).replace(`${banner}\n`, `${banner}\n${reexports}\n\n`);
  return [{ path: indexPath, source: indexSource }, ...files];
}
