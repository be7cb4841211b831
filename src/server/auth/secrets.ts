/**
 * Secrets the server hands out (device credentials, enrolment codes) and how it keeps them:
 * only a SHA-256 of each is stored. They are long random strings, not passwords, so a fast
 * hash is enough: nobody can guess 256 random bits, hashed or not.
 *
 * Invariant: a presented secret is compared with a stored hash in constant time.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { CODE_ALPHABET, CODE_LENGTH, normaliseCode } from '../../protocol/index.ts'

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function sameHash(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex')
  const b = Buffer.from(bHex, 'hex')
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b)
}

/** `<deviceId>.<43 url-safe characters of randomness>`: the id says where to look. */
export function newCredential(deviceId: string): { credential: string; hash: string } {
  const secret = randomBytes(32).toString('base64url')
  return { credential: `${deviceId}.${secret}`, hash: sha256Hex(secret) }
}

export function splitCredential(credential: string): { deviceId: string; secret: string } | null {
  const dot = credential.lastIndexOf('.')
  if (dot <= 0 || dot === credential.length - 1) return null
  return { deviceId: credential.slice(0, dot), secret: credential.slice(dot + 1) }
}

/** A code to type on the new device: 10 characters (about 50 bits), shown as XXXXX-XXXXX. */
export function newEnrolmentCode(): { code: string; hash: string } {
  let raw = ''
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length))
  return { code: `${raw.slice(0, 5)}-${raw.slice(5)}`, hash: hashCode(raw) }
}

export function hashCode(code: string): string {
  return sha256Hex(`enrolment:${normaliseCode(code)}`)
}
