import { dockerEngine } from './docker-engine.ts';
import { imageName } from './tekigo-image.ts';

/** Builds tekigo's images (offline) unless this version's are there already. */
export async function ensureImages(log?: (line: string) => void): Promise<void> {
  const docker = await dockerEngine();
  const present = await Promise.all(
    (['mock', 'reference'] as const).map((kind) =>
      docker
        .getImage(imageName(kind))
        .inspect()
        .then(() => true)
        .catch(() => false),
    ),
  );
  if (present.every(Boolean)) return;
  const { buildImages } = await import('./build-images.ts');
  await buildImages({ offline: true, ...(log ? { log } : {}) });
}
