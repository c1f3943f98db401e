import { describe, expect, test } from 'vitest';
import { formatTarget, parseTarget } from '../../src/conformance/target-spec.ts';
import { embeddedEnvironment } from '../embedded/embedded-environment.ts';
import { containersEnvironment } from './containers-environment.ts';

describe('--target image:NAME[:TAG]', () => {
  test('names an image, with a registry, a tag or a digest', () => {
    for (const image of [
      'our-ca',
      'our-ca:1.4',
      'registry.example:5000/team/our-ca:1.4',
      `our-ca@sha256:${'a'.repeat(64)}`,
    ]) {
      const target = parseTarget(`image:${image}`);
      expect(target).toEqual({ kind: 'image', image });
      expect(formatTarget(target)).toBe(`image:${image}`);
    }
  });

  test('an empty or malformed name is a usage error', () => {
    for (const bad of ['image:', 'image:Our CA', 'image::1'])
      expect(() => parseTarget(bad)).toThrow(expect.objectContaining({ code: 'BAD_TARGET' }));
  });

  test('runs only in the containers environment; a launched command only embedded', async () => {
    const image = { role: 'certification-authority', target: parseTarget('image:our-ca:1.4') };
    await expect(embeddedEnvironment.startTarget(image)).rejects.toMatchObject({
      code: 'IMAGE_NEEDS_CONTAINERS',
    });
    const launch = {
      role: 'certification-authority',
      target: {
        kind: 'launch',
        launch: {
          command: 'true',
          startTimeoutMs: 100,
          logs: 'stdout',
          healthPath: '/health',
          source: '--launch',
        },
      },
    } as const;
    await expect(containersEnvironment.startTarget(launch)).rejects.toMatchObject({
      code: 'LAUNCH_NEEDS_EMBEDDED',
    });
  });
});
