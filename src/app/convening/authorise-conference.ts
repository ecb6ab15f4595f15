import type { Actor } from '../actor.ts'
import type { AppDeps } from '../use-case.ts'
import { type DecideRequestInput, decideConferenceRequest, type RequestDecided } from './decide-request.ts'

export type AuthoriseConferenceInput = DecideRequestInput

/**
 * The team manager authorises a request to convene, recording the reasons (G-CONVENE). Where another
 * agency asked, a reply may be written to it (`reply`), sent through the outbox. The conference can
 * then be booked (bookConference, with this requestId). Refused when the request was already decided.
 */
export function authoriseConference(deps: AppDeps, actor: Actor, input: unknown): Promise<RequestDecided> {
  return decideConferenceRequest(deps, actor, input, 'authorised')
}
