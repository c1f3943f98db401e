import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type StartedConformanceEnvironment,
  startConformanceEnvironment,
} from '../../src/conformance/conformance-environment.ts';
import { engineAvailable } from './docker-engine.ts';
import { ensureImages } from './ensure-images.ts';

// As in containers-environment.test.ts: skipped locally when no engine answers, required in CI.
const engine = process.env.TEKIGO_REQUIRE_CONTAINERS === '1' || (await engineAvailable());
const NATIONAL_CENTER = 'national-center';
const REVOCATIONS = 'revocation-requests';

// Container-level faults seen from the protocol: the national center's revocation requests to
// the certification authority while it is paused (docker pause) or partitioned from the center
// (network disconnect). The mock sends on the test's command, so nothing depends on timing.
describe.skipIf(!engine)(
  'container faults between the authority and the center',
  { timeout: 120_000 },
  () => {
    let env: StartedConformanceEnvironment;

    beforeAll(async () => {
      await ensureImages();
      env = await startConformanceEnvironment({
        role: 'certification-authority',
        peers: [NATIONAL_CENTER],
        run: { target: { kind: 'reference' }, environment: 'containers' },
      });
      await env.mock(NATIONAL_CENTER).setPeers([{ interface: REVOCATIONS, url: env.targetUrl }]);
    }, 600_000);

    afterAll(() => env?.stop());

    const revoke = async (timeoutMs = 2_000) => {
      const { deliveries } = await env
        .mock(NATIONAL_CENTER)
        .send({ interface: REVOCATIONS, count: 1, timeoutMs });
      return deliveries[0];
    };

    test('a paused authority answers nothing until resumed, then answers', async () => {
      const control = env.control;
      if (!control) throw new Error('a reference target has controls');
      await control.pause();
      try {
        expect((await revoke(1_000))?.outcome).toBe('timeout');
      } finally {
        await control.resume();
      }
      expect((await revoke())?.outcome).toBe('answered');
    });

    test('cuts the authority from the center until healed', async () => {
      const control = env.control;
      if (!control?.partition || !control.heal)
        throw new Error('the containers environment offers partition and heal');
      expect((await revoke())?.outcome).toBe('answered');
      await control.partition();
      const during = await revoke();
      expect(during?.outcome === 'network-error' || during?.outcome === 'timeout').toBe(true);
      await control.heal();
      const after = await revoke();
      expect(after?.outcome).toBe('answered');
      expect(after?.status).toBeLessThan(300);
    });
  },
);
