import type { FastifyRequest } from 'fastify'

/** What the page says after something was saved and the browser was sent back to it (?saved=...). */
const SAVED_WORDS: Record<string, string> = {
  checklist: 'The checklist is saved.',
  attendance: 'The attendance is saved.',
  removed: 'The person is taken off the attendance.',
  quorum: 'The quorum is checked and recorded.',
  proceed: 'Going ahead without a quorum is recorded, with the conditions confirmed.',
  redated: 'The conference is re-dated and a new conference is booked.',
  adjourned: 'The meeting is adjourned. What was recorded is kept.',
  resumed: 'The meeting is resumed.',
  notes: 'The notes are saved.',
  decision: 'The decision is recorded.',
  draft: 'Your draft is saved. It is not part of the record until you record it.',
  finalised: 'The conference is finalised. The decisions can no longer be changed, only corrected.',
  corrected: 'The correction is recorded as a new version of the decision.',
  exclusion: 'The decision on the request to exclude is recorded.',
  connection: 'The chair’s declared connection is recorded.',
}

export function savedBanner(request: FastifyRequest): string | null {
  const saved = (request.query as Record<string, unknown> | undefined)?.saved
  return typeof saved === 'string' ? (SAVED_WORDS[saved] ?? null) : null
}

export const withSaved = (href: string, saved: keyof typeof SAVED_WORDS): string =>
  `${href}${href.includes('?') ? '&' : '?'}saved=${saved}`
