import { z } from 'zod'
import { findCase, peopleOfCase } from '../../db/case.repository.ts'
import { conferencesChairedBy } from '../../db/chair-agenda.repository.ts'
import type { Conference } from '../../db/conference.repository.ts'
import type { Actor } from '../actor.ts'
import { todayOf } from '../cases/input-fields.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'
import { CHAIR, type SubjectChild, subjectChildren } from './open-meeting.ts'

/**
 * The chair's list: the conferences they are named to chair that are still to be held or sitting,
 * and those already held that are not finalised yet. Reads only.
 */

export interface AgendaEntry {
  conference: Conference
  caseReference: string
  familyName: string
  /** The children the conference is about, eldest first. */
  children: SubjectChild[]
}

export interface ChairAgenda {
  /** Today in the council's time zone, 'YYYY-MM-DD'. */
  today: string
  /** Today's conferences and those to come, soonest first. */
  comingUp: AgendaEntry[]
  /** Conferences held before today whose meeting is not finalised, oldest first. */
  awaitingFinalising: AgendaEntry[]
}

const chairAgendaInput = z.strictObject({})

/** The conferences the signed-in chair is named for that are not finalised, cancelled or re-dated. The chair. */
export async function chairAgenda(deps: AppDeps, actor: Actor, input: unknown = {}): Promise<ChairAgenda> {
  requireRole(actor, CHAIR, 'see the conferences you chair')
  validate(chairAgendaInput, input)
  const today = todayOf(deps)
  const conferences = await conferencesChairedBy(deps.db, actor.userId, [
    'booked',
    'in_progress',
    'adjourned',
  ])
  const entries: AgendaEntry[] = []
  for (const conference of conferences) {
    const theCase = await findCase(deps.db, conference.caseId)
    const people = await peopleOfCase(deps.db, conference.caseId)
    entries.push({
      conference,
      caseReference: theCase?.reference ?? '',
      familyName: theCase?.familyName ?? '',
      children: subjectChildren(conference, people),
    })
  }
  return {
    today,
    comingUp: entries.filter((entry) => entry.conference.date >= today),
    awaitingFinalising: entries.filter((entry) => entry.conference.date < today),
  }
}
