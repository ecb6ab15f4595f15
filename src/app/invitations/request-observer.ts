import { z } from 'zod'
import { lockConference } from '../../db/conference.repository.ts'
import { insertObserver, type ObserverRecord, observersOf } from '../../db/invitation.repository.ts'
import {
  type ObserverConsentCode,
  type ObserverConsents,
  type ObserverRules,
  type ObserverStatus,
  observerRequestIssues,
  observerRules,
  observerStatus,
} from '../../domain/conference/attendance-rules.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId, requiredText, todayOf } from '../cases/input-fields.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { loadConference, requireOpen } from './conference-context.ts'

const OBSERVER_REQUESTERS = ['conference_administrator', 'chair', 'social_worker', 'team_manager'] as const

const inputSchema = z.strictObject({
  conferenceId: recordId,
  name: requiredText(200),
  agency: requiredText(200),
  /** Why they wish to observe. */
  purpose: requiredText(2000),
})

export type RequestObserverInput = z.input<typeof inputSchema>

export interface ObserverView {
  observer: ObserverRecord
  status: ObserverStatus
  /** The consents still to be recorded. */
  outstanding: ObserverConsentCode[]
  /** What the procedure asks (P-OBSERVER, T-OBSERVER-CONSENT): whose consent, the limit, taking part. */
  rules: ObserverRules
}

export function observerView(profile: Profile, observer: ObserverRecord): ObserverView {
  const rules = observerRules(profile)
  return { observer, ...observerStatus(rules, observer.consents as ObserverConsents), rules }
}

/**
 * Asks for a professional to observe a conference: within the procedure's limit (P-OBSERVER: Kent
 * allows one; London and York set none) and before the day, so that the consents the procedure
 * requires can be obtained in advance (T-OBSERVER-CONSENT). An observer refused a consent does not
 * count towards the limit. Where the procedure is silent on observers, the request is recorded and
 * the silence shown.
 */
export async function requestObserver(deps: AppDeps, actor: Actor, input: unknown): Promise<ObserverView> {
  requireRole(actor, OBSERVER_REQUESTERS, 'ask for an observer')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    OBSERVER_REQUESTERS,
    'ask for an observer',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    requireOpen(context.conference, 'add an observer to it')
    await lockConference(trx, context.conference.id)
    const others = (await observersOf(trx, context.conference.id))
      .filter((observer) => observerView(profile, observer).status !== 'refused')
      .map((observer) => observer.name)
    refuseIf(
      observerRequestIssues(profile, {
        otherObservers: others,
        conferenceDate: context.conference.date,
        today: todayOf(deps),
      }),
    )
    const observer = await insertObserver(trx, {
      conferenceId: context.conference.id,
      name: value.name,
      agency: value.agency,
      purpose: value.purpose,
    })
    await audit(trx, actor, {
      action: 'observer.requested',
      subject: { type: 'observer', id: observer.id },
      caseId: context.case.id,
      after: {
        conferenceId: observer.conferenceId,
        name: observer.name,
        agency: observer.agency,
        purpose: observer.purpose,
      },
    })
    return observerView(profile, observer)
  })
}
