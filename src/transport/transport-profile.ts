/**
 * How parties talk. Every server and client in tekigo is created through this module, so the
 * production security profile (mutual TLS, peer identity from the certificate) is a new
 * profile kind here and nothing in suites, mocks or references changes.
 */
export type TransportProfile = { readonly kind: 'plain' };

export const plainProfile: TransportProfile = Object.freeze({ kind: 'plain' });

/** Loopback only: tekigo never listens on or sends to anything else in the embedded environment. */
export const LOOPBACK_HOST = '127.0.0.1';
