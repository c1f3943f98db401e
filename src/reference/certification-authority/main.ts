import { runRoleProcess } from '../shared/role-process.ts';
import { ROLE } from './capabilities.ts';
import { startCertificationAuthority } from './certification-authority.ts';
import { REPLICA_NAMES, REPLICAS } from './replicas.ts';

await runRoleProcess(
  {
    role: ROLE,
    replicaNames: REPLICA_NAMES,
    replicaSecurity: (name) => REPLICAS.find((r) => r.name === name)?.seams.security,
    start: (options, log) =>
      startCertificationAuthority({
        port: options.port,
        host: options.host,
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        testMode: options.testMode,
        ...(options.replica !== undefined ? { replica: options.replica } : {}),
        params: options.params,
        peers: options.peers,
        ...(options.tls ? { tls: options.tls } : {}),
        log,
      }),
  },
  process.argv.slice(2),
);
