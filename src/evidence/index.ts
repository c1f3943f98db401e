export type * from './ledger-entry.ts';
