import { HttpResponse, http } from 'msw';
import type { Validate } from '../../evidence/validate.ts';
import { problem } from '../../spec/problem-types.ts';
import { correlationOf, healthHandler, readMessage } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import { type MockDefinition, RECEIVER_FAULT_ACTIONS } from '../mock-definition.ts';
import { problemResponse } from '../problem.ts';
import { DeviceGate, type ReleasePlan } from './device-gate.ts';

const ROLE = 'crypto-device';
/** What a sealed blob starts with once decoded: the mock's own (not secret, not cryptographic) envelope. */
const ENVELOPE = 'tekigo-sealed-v1';

/** The mock's sealing: reversible, bound to the key label, so an unseal under another key fails. */
export function seal(keyLabel: string, plaintext: string): string {
  return Buffer.from(`${ENVELOPE}|${keyLabel}|${plaintext}`, 'utf8').toString('base64');
}

/** The plaintext `sealed` holds under `keyLabel`, or undefined when it was not sealed under it. */
export function unseal(keyLabel: string, sealed: string): string | undefined {
  const [envelope, label, plaintext, ...rest] = Buffer.from(sealed, 'base64').toString('utf8').split('|');
  return envelope === ENVELOPE && label === keyLabel && plaintext && rest.length === 0
    ? plaintext
    : undefined;
}

/**
 * The paths under which the suite drives the device's timing. They are outside `/__tekigo/`
 * because they belong to this party, and every command is recorded in the ledger like any call.
 */
export const DEVICE_CONTROL = {
  hold: '/device-control/hold',
  held: '/device-control/held',
  release: '/device-control/release',
} as const;

function deviceHandlers(gate: DeviceGate, validate: Validate) {
  const operation = (kind: 'seal' | 'unseal') =>
    http.post(`*/${kind}`, async ({ request }) => {
      const correlationId = correlationOf(request);
      const echo = { 'x-correlation-id': correlationId };
      const read = await readMessage(request, `crypto-device/${kind}-request`, validate);
      if ('refusal' in read) return read.refusal;
      const body = read.body as {
        operationId: string;
        keyLabel: string;
        plaintext?: string;
        sealed?: string;
      };
      const passed = await gate.pass({ operationId: body.operationId, kind, correlationId }, request.signal);
      if (passed === 'abandon')
        return problemResponse(
          problem('unavailable', {
            detail: 'the device was reset while the operation was held',
            correlationId,
          }),
          echo,
        );
      if (kind === 'seal')
        return jsonResponse(
          {
            operationId: body.operationId,
            keyLabel: body.keyLabel,
            sealed: seal(body.keyLabel, body.plaintext ?? ''),
          },
          { headers: echo },
        );
      const plaintext = unseal(body.keyLabel, body.sealed ?? '');
      if (plaintext === undefined)
        return problemResponse(
          problem('validation', {
            detail: 'the data was not sealed under this key or was altered',
            correlationId,
            errors: [{ pointer: '/sealed', detail: 'not sealed under keyLabel' }],
          }),
          echo,
        );
      return jsonResponse({ operationId: body.operationId, plaintext }, { headers: echo });
    });
  return [
    operation('seal'),
    operation('unseal'),
    http.post(`*${DEVICE_CONTROL.hold}`, () => {
      gate.hold();
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`*${DEVICE_CONTROL.held}`, async ({ request }) => {
      const query = new URL(request.url).searchParams;
      const atLeast = Math.max(0, Math.min(1_000, Number(query.get('atLeast') ?? 0) || 0));
      const waitMs = Math.max(0, Math.min(10_000, Number(query.get('waitMs') ?? 0) || 0));
      return jsonResponse({ holding: gate.holding, held: await gate.heldAtLeast(atLeast, waitMs) });
    }),
    http.post(`*${DEVICE_CONTROL.release}`, async ({ request }) => {
      const plan = releasePlan(await request.json().catch(() => undefined));
      if (!plan)
        return problemResponse(
          problem('validation', {
            detail:
              'release takes { order?: "arrival" | "reverse", operationIds?: [ids], gapMs?: 0..5000, keepHolding?: boolean, awaitNextMs?: 0..10000 }',
            errors: [{ pointer: '/order', detail: 'must be arrival or reverse' }],
          }),
        );
      return jsonResponse({ released: await gate.release(plan) });
    }),
    healthHandler(ROLE),
  ];
}

function releasePlan(value: unknown): ReleasePlan | undefined {
  const {
    order = 'arrival',
    operationIds,
    gapMs,
    keepHolding,
    awaitNextMs,
  } = (value ?? {}) as Record<string, unknown>;
  if (
    awaitNextMs !== undefined &&
    !(Number.isInteger(awaitNextMs) && (awaitNextMs as number) >= 0 && (awaitNextMs as number) <= 10_000)
  )
    return undefined;
  if (order !== 'arrival' && order !== 'reverse') return undefined;
  if (
    operationIds !== undefined &&
    !(Array.isArray(operationIds) && operationIds.every((id) => typeof id === 'string'))
  )
    return undefined;
  if (
    gapMs !== undefined &&
    !(Number.isInteger(gapMs) && (gapMs as number) >= 0 && (gapMs as number) <= 5_000)
  )
    return undefined;
  if (keepHolding !== undefined && typeof keepHolding !== 'boolean') return undefined;
  return {
    order,
    ...(operationIds !== undefined ? { operationIds: operationIds as string[] } : {}),
    ...(gapMs !== undefined ? { gapMs: gapMs as number } : {}),
    ...(keepHolding !== undefined ? { keepHolding } : {}),
    ...(awaitNextMs !== undefined ? { awaitNextMs: awaitNextMs as number } : {}),
  };
}

/**
 * The tamper-resistant crypto device the relay depends on (`specs/openapi/peers/crypto-device.yaml`),
 * as tekigo plays it. It seals and unseals at once, unless the suite holds its answers
 * (`POST /device-control/hold`) to release them later in the order and with the gaps it chooses
 * (`POST /device-control/release`, which can wait for the caller's next operation);
 * `GET /device-control/held?atLeast=N&waitMs=T` says which operations wait, once N do.
 * Fault scripts add delays, errors, hangs and resets.
 */
export const cryptoDeviceMock: MockDefinition = {
  role: ROLE,
  routes: [
    {
      method: 'POST',
      path: '/seal',
      interface: 'crypto-device',
      requestType: 'crypto-device/seal-request',
      responseType: 'crypto-device/seal-response',
    },
    {
      method: 'POST',
      path: '/unseal',
      interface: 'crypto-device',
      requestType: 'crypto-device/unseal-request',
      responseType: 'crypto-device/unseal-response',
    },
    { method: 'GET', path: '/health', interface: 'health', responseType: 'health/health' },
  ],
  faultActions: RECEIVER_FAULT_ACTIONS,
  create({ validate }) {
    const gate = new DeviceGate();
    return {
      handlers: deviceHandlers(gate, validate),
      state: () => ({ holding: gate.holding, held: gate.held() }),
      reset: () => gate.reset(),
    };
  },
};
