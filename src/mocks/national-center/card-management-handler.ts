import { http } from 'msw';
import type { Validate } from '../../evidence/validate.ts';
import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';
import { problem } from '../../spec/problem-types.ts';
import { correlationOf, readMessage } from '../handler-kit.ts';
import { jsonResponse } from '../json-response.ts';
import type { MockRoute } from '../mock-definition.ts';
import { problemResponse } from '../problem.ts';

/** The route the relay forwards card-management messages to, as the national-center mock declares it. */
export const CARD_MANAGEMENT_ROUTE: MockRoute = {
  method: 'POST',
  path: '/card-management/messages',
  interface: 'relay-forwarding',
  requestType: 'relay-forwarding/forward-request',
  responseType: 'relay-forwarding/forward-response',
};

const STATE_AFTER: Readonly<Record<string, 'active' | 'suspended' | 'revoked'>> = {
  'card-issue': 'active',
  'card-resume': 'active',
  'card-status': 'active',
  'card-suspend': 'suspended',
  'card-revoke': 'revoked',
};

interface Message {
  readonly messageId: string;
  readonly operation: string;
  readonly payload: { readonly cardSerial?: string; readonly residentCode: string };
}

/**
 * Card-management messages as the center answers them to a relay: every valid message is
 * `completed` with the card after the operation (no state machine: the relay's suite judges
 * forwarding, not card rules); the same messageId gets the same answer, other content 409.
 * Hangs, errors and resets come from fault scripts on interface `relay-forwarding`.
 */
export class CardManagementAnswers {
  readonly #answers = new Map<
    string,
    { readonly hash: string; readonly response: Record<string, unknown> }
  >();
  #serials = 0;

  answer(message: Message, now: Date): Record<string, unknown> | 'conflict' {
    const hash = sha256Hex(canonicalJson(message));
    const known = this.#answers.get(message.messageId);
    if (known) return known.hash === hash ? known.response : 'conflict';
    if (message.payload.cardSerial === undefined) this.#serials += 1;
    const cardSerial = message.payload.cardSerial ?? `MC${String(this.#serials).padStart(10, '0')}`;
    const response = {
      messageId: message.messageId,
      status: 'completed',
      completedAt: now.toISOString(),
      result: { cardSerial, cardState: STATE_AFTER[message.operation] ?? 'active' },
    };
    this.#answers.set(message.messageId, { hash, response });
    return response;
  }

  reset(): void {
    this.#answers.clear();
    this.#serials = 0;
  }
}

export function cardManagementHandler(
  answers: CardManagementAnswers,
  validate: Validate,
  now = () => new Date(),
) {
  return http.post('*/card-management/messages', async ({ request }) => {
    const correlationId = correlationOf(request);
    const echo = { 'x-correlation-id': correlationId };
    const read = await readMessage(request, 'relay-forwarding/forward-request', validate);
    if ('refusal' in read) return read.refusal;
    const response = answers.answer(read.body as Message, now());
    if (response === 'conflict')
      return problemResponse(
        problem('conflict', {
          detail: 'a card-management message with this messageId and other content was already handled',
          correlationId,
        }),
        echo,
      );
    return jsonResponse(response, { headers: echo });
  });
}
