import { z } from 'zod'
import { findObserver, updateObserverConsents } from '../../db/invitation.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import { observerConsentIssues } from '../../domain/conference/attendance-rules.ts'
import { OBSERVER_CONSENTS } from '../../domain/procedure/rule-params.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import { type Actor, hasRole } from '../actor.ts'
import { isoDate, optionalText, recordId, requiredText, todayOf } from '../cases/input-fields.ts'
import { Forbidden, NotFound } from '../errors.ts'
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
import { type ObserverView, observerView } from './request-observer.ts'

const ANSWERS = ['given', 'refused', 'not_applicable'] as const

const inputSchema = z.strictObject({
  observerId: recordId,
  /** Whose consent: chair, family, child_if_sufficient_understanding, parental_responsibility_holders. */
  consent: z.enum(OBSERVER_CONSENTS, { error: `must be one of: ${OBSERVER_CONSENTS.join(', ')}` }),
  /** not_applicable: only for a child not of sufficient age and understanding to give consent. */
  answer: z.enum(ANSWERS, { error: `must be one of: ${ANSWERS.join(', ')}` }),
  /** The day the answer was given. */
  on: isoDate,
  /** Who gave it: "Jo Smith (mother)". */
  by: requiredText(200),
  note: optionalText(2000),
})

export type RecordObserverConsentInput = z.input<typeof inputSchema>

/**
 * Records one of the consents an observer needs (P-OBSERVER: the chair and the family in Kent and
 * London; the chair, the child where of sufficient understanding and those with parental
 * responsibility in York), obtained before the day of the conference (T-OBSERVER-CONSENT). The
 * chair's own consent is recorded by a chair. Recording a consent again replaces it; the audit
 * record keeps the earlier answer.
 */
export async function recordObserverConsent(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ObserverView> {
  requireRole(actor, ['conference_administrator', 'chair'], 'record an observer’s consent')
  const asked = await findObserver(deps.db, idIn(input, 'observerId'))
  if (!asked) throw new NotFound('The observer')
  const access = await requireConferenceRole(
    deps.db,
    actor,
    asked.conferenceId,
    ['conference_administrator', 'chair'],
    'record an observer’s consent',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  if (value.consent === 'chair' && !hasRole(actor, 'chair'))
    throw new Forbidden('Only the chair can record the chair’s consent to an observer.')
  if (value.consent === 'chair' && !access.namedChair)
    throw new Forbidden('Only the chair named on this conference can record the chair’s consent.')
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const observer = await findObserver(trx, value.observerId)
    if (!observer) throw new NotFound('The observer')
    const context = await loadConference(trx, observer.conferenceId)
    requireOpen(context.conference, 'change its observers')
    refuseIf(
      observerConsentIssues(
        profile,
        { code: value.consent, answer: value.answer, on: value.on },
        { conferenceDate: context.conference.date, today: todayOf(deps) },
      ),
    )
    const before = observer.consents[value.consent]
    const consent = { answer: value.answer, on: value.on, by: value.by, note: value.note ?? null }
    const updated = await updateObserverConsents(trx, observer.id, {
      ...observer.consents,
      [value.consent]: consent,
    })
    await audit(trx, actor, {
      action: 'observer.consent_recorded',
      subject: { type: 'observer', id: observer.id },
      caseId: context.case.id,
      ...(before ? { before: { [value.consent]: before as JsonInput } } : {}),
      after: { [value.consent]: consent },
    })
    return observerView(profile, updated)
  })
}
