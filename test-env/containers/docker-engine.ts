import type Dockerode from 'dockerode';
import { getContainerRuntimeClient } from 'testcontainers';
import { TekigoEnvironmentError } from '../../src/errors.ts';

/**
 * testcontainers' settings for engines that cannot pull: Ryuk (the reaper image) cannot be
 * pulled, so it stays off and tekigo removes what it started by label; the host override keeps
 * testcontainers from pulling an image to find the host. Users may still set their own values.
 */
export function configureTestcontainers(): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
}

/** The label every container, network and image tekigo makes carries; the run id is its value. */
export const RUN_LABEL = 'io.tekigo.run';

/** The engine's API (dockerode, as testcontainers found it), or one line saying how to get an engine. */
export async function dockerEngine(): Promise<Dockerode> {
  configureTestcontainers();
  try {
    const client = await getContainerRuntimeClient();
    return client.container.dockerode;
  } catch (error) {
    throw new TekigoEnvironmentError(
      'NO_CONTAINER_ENGINE',
      `no container engine answers (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); start Docker (e.g. apt-get install docker.io && dockerd &) or set DOCKER_HOST, or use --env embedded`,
      {},
      { cause: error },
    );
  }
}

/** Whether an engine answers, without throwing: for tests that need one. */
export async function engineAvailable(): Promise<boolean> {
  try {
    await (await dockerEngine()).ping();
    return true;
  } catch {
    return false;
  }
}
