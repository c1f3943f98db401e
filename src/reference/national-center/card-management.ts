import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { canonicalJson, sha256Hex } from '../../spec/canonical-json.ts';
import type { RelayForwardRequest, RevocationReason } from '../../spec/message-types.generated.ts';
import { type Problem, problem } from '../../spec/problem-types.ts';
import { inTransaction } from '../shared/database.ts';
import type { CardBatches } from './card-batches.ts';
import type { ResidentStore } from './resident-store.ts';
import type { Revocations } from './revocations.ts';
import type { CardState, NationalCenterSeams } from './seams.ts';

/**
 * Card management (NC-CMG-001..003, specs/README.md d-card-management): the card state machine
 * active ⇄ suspended, either → revoked (final); the answer to each messageId stored with its
 * effect, so a repeat gets the same answer and no second effect.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cards (
  cardSerial TEXT PRIMARY KEY,
  residentCode TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'revoked'))
);
CREATE TABLE IF NOT EXISTS card_messages (
  messageId TEXT PRIMARY KEY,
  contentHash TEXT NOT NULL,
  response TEXT NOT NULL
);
`;

/** d-card-revoke: the certificate revocation reason for a card revocation reason. */
const REVOCATION_REASON: Readonly<Record<string, RevocationReason>> = {
  loss: 'loss',
  theft: 'loss',
  'move-out': 'move-out',
  death: 'death',
};

export class CardManagement {
  readonly #db: DatabaseSync;
  readonly #residents: ResidentStore;
  readonly #cards: CardBatches;
  readonly #revocations: Revocations;
  readonly #seams: NationalCenterSeams;

  constructor(
    db: DatabaseSync,
    seams: NationalCenterSeams,
    residents: ResidentStore,
    cards: CardBatches,
    revocations: Revocations,
  ) {
    this.#db = db;
    this.#seams = seams;
    this.#residents = residents;
    this.#cards = cards;
    this.#revocations = revocations;
    db.exec(SCHEMA);
  }

  /** The forward-response, or 'conflict' for a known messageId with other content. */
  handle(message: RelayForwardRequest, nowMs: number): Record<string, unknown> | 'conflict' {
    const { sentAt: _sentAt, ...content } = message;
    const contentHash = sha256Hex(canonicalJson(content));
    return inTransaction(this.#db, () => {
      const stored = this.#db
        .prepare('SELECT contentHash, response FROM card_messages WHERE messageId = ?')
        .get(message.messageId) as { contentHash: string; response: string } | undefined;
      if (stored && this.#seams.remembersCardMessages)
        return stored.contentHash === contentHash
          ? (JSON.parse(stored.response) as Record<string, unknown>)
          : 'conflict';
      const outcome = this.#apply(message, nowMs);
      const completedAt = new Date(nowMs).toISOString();
      const response =
        'type' in outcome
          ? { messageId: message.messageId, status: 'rejected', completedAt, problem: outcome }
          : { messageId: message.messageId, status: 'completed', completedAt, result: outcome };
      this.#db
        .prepare('INSERT OR REPLACE INTO card_messages (messageId, contentHash, response) VALUES (?, ?, ?)')
        .run(message.messageId, contentHash, JSON.stringify(response));
      return response;
    });
  }

  #apply(
    message: RelayForwardRequest,
    nowMs: number,
  ): { cardSerial: string; cardState: CardState } | Problem {
    const { residentCode, individualNumber, cardSerial, reason } = message.payload;
    const resident = this.#residents.find(residentCode);
    if (!resident || resident.dead || resident.municipalityCode !== message.municipalityCode)
      return problem('unknown-resident', {
        status: 404,
        title: 'Unknown resident',
        detail: 'the center holds no living resident with this residentCode under this municipality',
      });
    if (message.operation === 'card-issue') {
      if (individualNumber === undefined || !this.#cards.isRegistered(residentCode, individualNumber))
        return problem('unknown-resident', {
          status: 404,
          title: 'No registered card record',
          detail: 'no card-production record for this resident and individual number is registered',
        });
      const serial = randomBytes(8).toString('hex').toUpperCase();
      this.#db
        .prepare(`INSERT INTO cards (cardSerial, residentCode, state) VALUES (?, ?, 'active')`)
        .run(serial, residentCode);
      return { cardSerial: serial, cardState: 'active' };
    }
    const card = this.#db
      .prepare('SELECT cardSerial, state FROM cards WHERE cardSerial = ? AND residentCode = ?')
      .get(cardSerial ?? '', residentCode) as { cardSerial: string; state: CardState } | undefined;
    if (!card)
      return problem('not-found', {
        title: 'Unknown card',
        detail: 'this resident holds no card with this cardSerial',
      });
    const transition = this.#seams.cardTransitions[message.operation];
    if (!transition) return { cardSerial: card.cardSerial, cardState: card.state };
    if (!transition.from.includes(card.state))
      return problem('conflict', {
        status: 409,
        title: 'Transition not allowed',
        detail: `a ${card.state} card cannot take ${message.operation}`,
      });
    this.#db.prepare('UPDATE cards SET state = ? WHERE cardSerial = ?').run(transition.to, card.cardSerial);
    if (transition.to === 'revoked' && this.#seams.cardRevokeRevokesCertificates)
      this.#revocations.forResident(
        residentCode,
        REVOCATION_REASON[reason ?? ''] ?? 'other',
        undefined,
        nowMs,
      );
    return { cardSerial: card.cardSerial, cardState: transition.to };
  }

  clear(): void {
    this.#db.exec('DELETE FROM cards; DELETE FROM card_messages;');
  }
}
