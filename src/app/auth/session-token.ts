import { createHash, randomBytes } from 'node:crypto'

/** A new random session token for the cookie (256 bits). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What is stored for a token: its SHA-256, so a copy of the database opens no session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A new secret for the session's CSRF tokens. */
export function newCsrfSecret(): string {
  return randomBytes(32).toString('base64url')
}
