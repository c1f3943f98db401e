import { runRoleProcess } from '../shared/role-process.ts';
import { ROLE } from './capabilities.ts';
import { startIssuanceService } from './issuance-service.ts';
import { REPLICA_NAMES, REPLICAS } from './replicas.ts';

await runRoleProcess(
  {
    role: ROLE,
    replicaNames: REPLICA_NAMES,
    replicaSecurity: (name) => REPLICAS.find((r) => r.name === name)?.seams.security,
    start: (options, log) => startIssuanceService({ ...options, log }),
  },
  process.argv.slice(2),
);
