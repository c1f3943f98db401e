import { runRoleProcess } from '../shared/role-process.ts';
import { ROLE } from './capabilities.ts';
import { startRelay } from './relay.ts';
import { REPLICA_NAMES } from './replicas.ts';

await runRoleProcess(
  {
    role: ROLE,
    replicaNames: REPLICA_NAMES,
    start: (options, log) => startRelay({ ...options, log }),
  },
  process.argv.slice(2),
);
