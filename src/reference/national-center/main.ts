import { runRoleProcess } from '../shared/role-process.ts';
import { ROLE } from './capabilities.ts';
import { startNationalCenter } from './national-center.ts';
import { REPLICA_NAMES } from './replicas.ts';

await runRoleProcess(
  {
    role: ROLE,
    replicaNames: REPLICA_NAMES,
    start: (options, log) =>
      startNationalCenter({
        port: options.port,
        host: options.host,
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        testMode: options.testMode,
        ...(options.replica !== undefined ? { replica: options.replica } : {}),
        params: options.params,
        peers: options.peers,
        log,
      }),
  },
  process.argv.slice(2),
);
