import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type Dockerode from 'dockerode';
import { dockerEngine, RUN_LABEL } from './docker-engine.ts';

/** Every container and network of one process's runs: one run id, one user-defined network. */
export interface ContainerRun {
  readonly id: string;
  readonly docker: Dockerode;
  /** The user-defined network every party joins. */
  readonly network: { readonly name: string; readonly id: string; readonly gateway: string };
  /** The labels a container or network of this run carries. */
  labels(extra?: Readonly<Record<string, string>>): Record<string, string>;
  /** Removes every container and the network labelled with this run's id. */
  removeAll(): Promise<void>;
}

let current: Promise<ContainerRun> | null = null;

/** This process's run (made on first use): its network, and a watcher that cleans up if the process dies. */
export function containerRun(): Promise<ContainerRun> {
  current ??= createRun().catch((error: unknown) => {
    current = null;
    throw error;
  });
  return current;
}

async function createRun(): Promise<ContainerRun> {
  const docker = await dockerEngine();
  const id = process.env.TEKIGO_RUN_ID ?? `tekigo-${randomUUID().slice(0, 8)}`;
  const labels = (extra: Readonly<Record<string, string>> = {}) => ({ [RUN_LABEL]: id, ...extra });
  const created = await docker.createNetwork({
    Name: `${id}-${process.pid}`,
    Driver: 'bridge',
    Labels: labels(),
  });
  const info = (await created.inspect()) as { Name: string; IPAM?: { Config?: { Gateway?: string }[] } };
  const gateway = info.IPAM?.Config?.[0]?.Gateway ?? '';
  startWatcher(id);
  return {
    id,
    docker,
    network: { name: info.Name, id: created.id, gateway },
    labels,
    removeAll: () => removeByLabel(docker, id),
  };
}

/** Removes every container, then every network, labelled with `runId`. */
export async function removeByLabel(docker: Dockerode, runId: string): Promise<void> {
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.allSettled(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  const networks = await docker.listNetworks({ filters });
  await Promise.allSettled(networks.map((n) => docker.getNetwork(n.Id).remove()));
}

/**
 * What Ryuk does where it can be pulled: a detached Node process that waits for this process to
 * end (normally, on SIGINT or SIGTERM, or killed) and then removes everything labelled with the
 * run id. A normal teardown has already removed it all; the watcher then finds nothing.
 */
function startWatcher(runId: string): void {
  const dockerode = createRequire(import.meta.url).resolve('dockerode');
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', WATCHER, String(process.pid), runId, RUN_LABEL, dockerode],
    { detached: true, stdio: 'ignore', env: process.env },
  );
  child.unref();
}

const WATCHER = `
const [pid, runId, label, dockerodePath] = process.argv.slice(1);
const { createRequire } = await import('node:module');
const Docker = createRequire(process.cwd() + '/')(dockerodePath);
const docker = new Docker();
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
while (alive()) await new Promise((r) => setTimeout(r, 500));
const filters = JSON.stringify({ label: [label + '=' + runId] });
for (let round = 0; round < 3; round++) {
  const containers = await docker.listContainers({ all: true, filters }).catch(() => []);
  await Promise.allSettled(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  const networks = await docker.listNetworks({ filters }).catch(() => []);
  await Promise.allSettled(networks.map((n) => docker.getNetwork(n.Id).remove()));
  if (containers.length === 0 && networks.length === 0) break;
  await new Promise((r) => setTimeout(r, 1000));
}
`;
