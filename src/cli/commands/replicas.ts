import { TekigoUsageError } from '../../errors.ts';
import { allReplicas } from '../../reference/registry.ts';
import { ROLES } from '../../spec/roles.ts';
import { defineCommand } from '../command-definition.ts';
import { formatTable, truncate } from '../format-table.ts';

export const replicas = defineCommand({
  name: 'replicas',
  summary:
    'List the incident replicas: the reference with one named defect, and the requirements it violates',
  args: [],
  options: {
    role: { type: 'string', valueName: 'role', description: 'only the replicas of this role' },
    json: {
      type: 'boolean',
      description: 'print [{ name, role, kind, incidents, violates, description }] as JSON',
    },
  },
  async run({ options, io }) {
    if (options.role !== undefined && !(ROLES as readonly string[]).includes(options.role)) {
      throw new TekigoUsageError(
        'UNKNOWN_ROLE',
        `unknown role "${options.role}"; use one of ${ROLES.join(', ')}`,
      );
    }
    const selected = allReplicas(options.role).map(
      ({ name, role, kind, incidents, violates, description }) => ({
        name,
        role,
        kind,
        incidents,
        violates,
        description,
      }),
    );
    if (options.json) {
      io.stdout(JSON.stringify(selected, null, 2));
      return 0;
    }
    const rows = selected.map((r) => [
      r.name,
      r.kind,
      r.incidents.join(', '),
      r.violates.join(', '),
      truncate(r.description, 70),
    ]);
    for (const line of formatTable(['NAME', 'KIND', 'INCIDENTS', 'VIOLATES', 'DEFECT'], rows))
      io.stdout(line);
    return 0;
  },
});
