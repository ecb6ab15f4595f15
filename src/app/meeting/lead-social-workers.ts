import { z } from 'zod'
import { findCase } from '../../db/case.repository.ts'
import { findConference } from '../../db/conference.repository.ts'
import { activeStaffWithRoles, type StaffChoice } from '../../db/directory.repository.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'
import { conferenceId, MEETING_RECORDERS } from './open-meeting.ts'

/** Who may be named lead social worker in a child's plan: every active social worker, the case's own first. */

export interface LeadSocialWorkerChoices {
  /** The social worker allocated to the case, where there is one. */
  allocatedId: string | null
  choices: StaffChoice[]
}

const choicesInput = z.strictObject({ conferenceId })

/** The social workers a decision may name as lead, for the conference's form. The chair or the conference administrator. */
export async function leadSocialWorkerChoices(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<LeadSocialWorkerChoices> {
  requireRole(actor, MEETING_RECORDERS, 'see who may lead the plan')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'see who may lead the plan',
    deps.clock(),
  )
  const { conferenceId: id } = validate(choicesInput, input)
  const conference = await findConference(deps.db, id)
  if (!conference) throw new NotFound('The conference')
  const allocatedId = (await findCase(deps.db, conference.caseId))?.socialWorkerId ?? null
  const staff = await activeStaffWithRoles(deps.db, ['social_worker'])
  const allocated = staff.filter((choice) => choice.id === allocatedId)
  return { allocatedId, choices: [...allocated, ...staff.filter((choice) => choice.id !== allocatedId)] }
}
