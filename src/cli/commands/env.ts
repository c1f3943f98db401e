import { defineCommand } from '../command-definition.ts';

export const envBuildImages = defineCommand({
  name: 'env build-images',
  summary:
    'Build the mock and reference images for --env containers; with no registry, on a base made from the local Node',
  args: [],
  options: {
    'base-image': {
      type: 'string',
      valueName: 'image',
      description:
        'build on this image (it needs Node >= 22 at /usr/local/bin/node) instead of node:24 or the local Node',
    },
    offline: {
      type: 'boolean',
      description: 'try no registry: make the base image from the Node running tekigo at once',
    },
  },
  async run({ options, io }) {
    // Loaded here: testcontainers takes a second to load, and no other command needs it.
    const { buildImages } = await import('../../../test-env/containers/build-images.ts');
    const built = await buildImages({
      ...(options['base-image'] !== undefined ? { baseImage: options['base-image'] } : {}),
      offline: options.offline,
      log: (line) => io.stderr(`tekigo: ${line}`),
    });
    for (const image of Object.values(built.images)) io.stdout(image);
    io.stderr(
      `tekigo: built on ${built.base}, labelled tekigo ${built.version} and spec ${built.specDigest}`,
    );
    return 0;
  },
});
