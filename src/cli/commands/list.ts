import { TekigoUsageError } from '../../errors.ts';
import { truncateDisplay } from '../../i18n/display-width.ts';
import { langOption, resolveLang } from '../../i18n/lang.ts';
import { type Messages, messages } from '../../i18n/messages.ts';
import { loadCatalog, type RequirementLevel } from '../../spec/catalog.ts';
import { defaultSpecsDir } from '../../spec/load-spec.ts';
import { nearNames } from '../../spec/near-names.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';
import { formatTable } from '../format-table.ts';

const LEVELS: readonly RequirementLevel[] = ['MUST', 'SHOULD', 'MAY'];

function choose<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found !== undefined) return found;
  const near = nearNames(value, allowed);
  throw new TekigoUsageError(
    `UNKNOWN_${what.toUpperCase()}`,
    `unknown ${what} "${value}": the ${what}s are ${allowed.join(', ')}.${near.length > 0 ? ` Did you mean ${near.join(', ')}?` : ''} Pass one of them`,
    { [what]: value },
  );
}

/** Short enough for a table: most requirements apply to all or all but one role. */
function rolesLabel(t: Messages, roles: readonly string[]): string {
  const others = ROLES.filter((role) => !roles.includes(role));
  if (others.length === 0) return t['list.allRoles'];
  return others.length < roles.length ? t['list.allBut'](others.join(', ')) : roles.join(', ');
}

export const list = defineCommand({
  name: 'list',
  summary: 'List the requirements of the catalog (specs/requirements.yaml)',
  args: [],
  options: {
    role: {
      type: 'string',
      valueName: 'role',
      description: `only the requirements of this role (${ROLES.join(', ')})`,
    },
    level: {
      type: 'string',
      valueName: 'level',
      description: `only the requirements of this level (${LEVELS.join(', ')})`,
    },
    json: {
      type: 'boolean',
      description: 'print the selected catalog entries as a JSON array, with all their fields',
    },
    lang: langOption,
  },
  async run({ options, io, specsDir }) {
    const role = options.role === undefined ? undefined : choose('role', options.role, ROLES);
    const level =
      options.level === undefined ? undefined : choose('level', options.level.toUpperCase(), LEVELS);
    // The catalog alone: compiling every message schema would double the time `list` takes.
    const catalog = await loadCatalog(specsDir ?? defaultSpecsDir());
    const selected = catalog.requirements.filter(
      (r) => (role === undefined || r.roles.includes(role)) && (level === undefined || r.level === level),
    );
    if (options.json) {
      io.stdout(JSON.stringify(selected, null, 2));
      return 0;
    }
    const lang = resolveLang(options.lang);
    const t = messages(lang);
    const rows = selected.map((r) => [
      r.id,
      r.level,
      rolesLabel(t, r.roles),
      truncateDisplay(lang === 'ja' ? (r['statement-ja'] ?? r.statement) : r.statement, 100),
    ]);
    const header = [t['list.id'], t['list.level'], t['list.roles'], t['list.statement']];
    for (const line of formatTable(header, rows)) io.stdout(line);
    return 0;
  },
});
