export {
  CAPTURED_HEADERS,
  captureBody,
  captureHeaders,
  isJsonContentType,
  TEXT_BODY_LIMIT,
} from './capture.ts';
export {
  type ExchangeFilter,
  Ledger,
  type LedgerFilter,
  type LedgerJson,
  type LedgerListener,
} from './ledger.ts';
export type * from './ledger-entry.ts';
export { responseMessageType, specValidator, type Validate } from './validate.ts';
