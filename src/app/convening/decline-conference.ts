import type { Actor } from '../actor.ts'
import type { AppDeps } from '../use-case.ts'
import { type DecideRequestInput, decideConferenceRequest, type RequestDecided } from './decide-request.ts'

export type DeclineConferenceInput = DecideRequestInput

/**
 * The team manager decides not to convene, recording the reasons (G-CONVENE). Where another agency
 * asked and the procedure asks for a written reply (the profile's G-CONVENE
 * written_reply_to_agency), the reply is required and sent to that agency through the outbox; elsewhere
 * it is sent where given. Refused without reasons, or when the request was already decided.
 */
export function declineConference(deps: AppDeps, actor: Actor, input: unknown): Promise<RequestDecided> {
  return decideConferenceRequest(deps, actor, input, 'declined')
}
