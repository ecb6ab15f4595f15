import { z } from 'zod'
import { staffNames } from '../../db/case.repository.ts'
import type { Conference } from '../../db/conference.repository.ts'
import { type ExclusionRecord, exclusionsOf, findExclusion } from '../../db/invitation.repository.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import {
  EXCLUSION_GROUND_WORDS,
  type ExcludedReceives,
  type ExclusionGround,
  exclusionLetterRules,
  exclusionRecordReminders,
  exclusionRecordRules,
  RECEIVES_WORDS,
} from '../../domain/conference/exclusion.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import { EXCLUDED_RECEIVES } from '../../domain/procedure/rule-params.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { fullName, loadConference } from '../invitations/conference-context.ts'
import { type AppDeps, councilProfile, requireRole, validate } from '../use-case.ts'
import { conferenceId, MEETING_RECORDERS } from './open-meeting.ts'

/**
 * The requests to exclude a family member from a conference, as the chair decides them: who, from
 * what, on which grounds in the procedure's words, and, once decided, the decision with what the
 * procedure usually gives an excluded person that it leaves out (X-PROCESS, X-RECORD). Reads only.
 */

export interface ExclusionRequestView {
  exclusion: ExclusionRecord
  personName: string
  /** Each ground with its words. */
  grounds: { id: string; text: string }[]
  /** The chair who decided it, by name. */
  decidedByName: string | null
  /** For a decided exclusion: what the procedure usually gives an excluded person that the decision leaves out. */
  reminders: string[]
}

/** What the procedure says the chair records when deciding (X-PROCESS, X-RECORD, X-NOTIFY). */
export interface ExclusionDecisionRules {
  process: ProcedureNote
  record: ProcedureNote
  notify: ProcedureNote
  /** What an excluded person usually receives under the procedure. */
  usuallyReceive: ExcludedReceives[]
  /** Everything an excluded person may be given, in words. */
  receivesOptions: { id: ExcludedReceives; text: string }[]
}

export interface ExclusionRequestPage {
  conference: Conference
  request: ExclusionRequestView
  rules: ExclusionDecisionRules
}

function viewOf(
  profile: Profile,
  exclusion: ExclusionRecord,
  names: { people: ReadonlyMap<string, { firstName: string; lastName: string }>; staff: Map<string, string> },
): ExclusionRequestView {
  const person = names.people.get(exclusion.personId)
  const decided = exclusion.decision
  return {
    exclusion,
    personName: person ? fullName(person) : 'A person no longer on the case',
    grounds: exclusion.grounds.map((id) => ({
      id,
      text: EXCLUSION_GROUND_WORDS[id as ExclusionGround] ?? id,
    })),
    decidedByName: exclusion.decidedBy === null ? null : (names.staff.get(exclusion.decidedBy) ?? null),
    reminders:
      decided === null
        ? []
        : exclusionRecordReminders(profile, {
            decision: decided,
            scope: exclusion.scope,
            viewsHeardBy: exclusion.viewsHeardBy,
            receives: exclusion.receives as ExcludedReceives[],
          }),
  }
}

export function exclusionDecisionRules(profile: Profile): ExclusionDecisionRules {
  const record = exclusionRecordRules(profile)
  return {
    process: procedureNote(profile, 'X-PROCESS'),
    record: record.note,
    notify: exclusionLetterRules(profile).note,
    usuallyReceive: record.usuallyReceive,
    receivesOptions: EXCLUDED_RECEIVES.map((id) => ({ id, text: RECEIVES_WORDS[id] })),
  }
}

const requestsInput = z.strictObject({ conferenceId })

/** Every request to exclude someone from the conference, oldest first. The chair or the conference administrator. */
export async function exclusionRequestsOf(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ExclusionRequestView[]> {
  requireRole(actor, MEETING_RECORDERS, 'see the requests to exclude')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'see the requests to exclude',
    deps.clock(),
  )
  const { conferenceId: id } = validate(requestsInput, input)
  const context = await loadConference(deps.db, id)
  const exclusions = await exclusionsOf(deps.db, id)
  const staff = await staffNames(
    deps.db,
    exclusions.map((exclusion) => exclusion.decidedBy),
  )
  const profile = councilProfile(deps)
  return exclusions.map((exclusion) => viewOf(profile, exclusion, { people: context.people, staff }))
}

const requestInput = z.strictObject({ conferenceId, exclusionId: recordId })

/** One request to exclude, with what the procedure says the chair records. The chair or the conference administrator. */
export async function exclusionRequest(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ExclusionRequestPage> {
  requireRole(actor, MEETING_RECORDERS, 'see a request to exclude')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'see a request to exclude',
    deps.clock(),
  )
  const value = validate(requestInput, input)
  const exclusion = await findExclusion(deps.db, value.exclusionId)
  if (!exclusion || exclusion.conferenceId !== value.conferenceId)
    throw new NotFound('The request to exclude')
  const context = await loadConference(deps.db, value.conferenceId)
  const staff = await staffNames(deps.db, [exclusion.decidedBy])
  const profile = councilProfile(deps)
  return {
    conference: context.conference,
    request: viewOf(profile, exclusion, { people: context.people, staff }),
    rules: exclusionDecisionRules(profile),
  }
}
