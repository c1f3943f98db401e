// Rewrites the line numbers specs/DECISIONS.md cites (README anchors and requirement rows) after
// the README or the catalog moved: `npx tsx scripts/decisions-lines.ts`. The spec test
// `src/spec/decisions-index.test.ts` says when it is needed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSpecsDir } from '../src/spec/load-spec.ts';

const specsDir = defaultSpecsDir();
const readme = readFileSync(join(specsDir, 'README.md'), 'utf8').split('\n');
const catalog = readFileSync(join(specsDir, 'requirements.yaml'), 'utf8').split('\n');
const decisionsPath = join(specsDir, 'DECISIONS.md');

const headingAnchor = (line: string): string =>
  line
    .slice(3)
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replaceAll(' ', '-');

function anchorLine(anchor: string): number {
  const at = readme.findIndex(
    (text) =>
      text.includes(`<a id="${anchor}"></a>`) || (text.startsWith('## ') && headingAnchor(text) === anchor),
  );
  if (at < 0) throw new Error(`specs/README.md has no anchor #${anchor}`);
  return at + 1;
}

function rowLine(id: string): number {
  const at = catalog.indexOf(`  - id: ${id}`);
  if (at < 0) throw new Error(`specs/requirements.yaml has no requirement ${id}`);
  return at + 1;
}

const updated = readFileSync(decisionsPath, 'utf8')
  .split('\n')
  .map((line) =>
    /^\| [0-9]+ \|/.test(line)
      ? line
          .replace(
            /\(README\.md#([a-z0-9-]+)\) \(line [0-9]+\)/g,
            (_, anchor: string) => `(README.md#${anchor}) (line ${anchorLine(anchor)})`,
          )
          .replace(
            /([A-Z]+-[A-Z0-9]+-[0-9]{3}) \(requirements\.yaml:[0-9]+\)/g,
            (_, id: string) => `${id} (requirements.yaml:${rowLine(id)})`,
          )
      : line,
  )
  .join('\n');
writeFileSync(decisionsPath, updated);
process.stdout.write('specs/DECISIONS.md: line numbers brought up to date\n');
