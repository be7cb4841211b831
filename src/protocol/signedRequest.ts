/**
 * A request signed by the person using the tablet (reading the photo library, a manager
 * operation): who, when, a single-use nonce and the signature over `requestProofMessage`
 * (staffAuthority.ts), in four headers beside the device's Bearer credential.
 *
 * Invariants: header names are lowercase (as Node hands them over); the server accepts a
 * request only within `SIGNED_REQUEST_WINDOW_MS` of its own clock, and each nonce once.
 */
export const STAFF_HEADER = 'x-consentlens-staff'
export const ISSUED_AT_HEADER = 'x-consentlens-issued-at'
export const NONCE_HEADER = 'x-consentlens-nonce'
export const SIGNATURE_HEADER = 'x-consentlens-signature'

export const SIGNED_REQUEST_WINDOW_MS = 5 * 60_000

/** 16 to 64 URL-safe characters; the tablet makes 32 hex characters from 16 random bytes. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/
