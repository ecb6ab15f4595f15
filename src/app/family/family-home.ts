import { findCase, peopleOfCase } from '../../db/case.repository.ts'
import { type Conference, conferencesOfCase, findConference } from '../../db/conference.repository.ts'
import { conferencesAsAdvocate, peopleOfAccount } from '../../db/family.repository.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, requireRole } from '../use-case.ts'
import { FAMILY_PAGE_ROLES } from './family-access.ts'

/**
 * A family member's first page: for each of their own records, the meetings about their family (for
 * a young person, the meetings about them), newest first; for an advocate, the meetings they are
 * invited to. Read from the person's own links only (people.user_id, their invitations as an
 * advocate), so it shows nothing of any other family.
 */

export interface FamilyMeetingLink {
  conferenceId: string
  kind: string
  date: string
  startTime: string | null
  status: Conference['status']
  /** The first names of the children the meeting is about. */
  childNames: string[]
}

export interface FamilyHomeGroup {
  /** The family's case, for a family member's own group; null for an advocate (who sees no record's reads). */
  caseId: string | null
  familyName: string
  isYoungPerson: boolean
  meetings: FamilyMeetingLink[]
}

export interface FamilyHome {
  groups: FamilyHomeGroup[]
  isAdvocate: boolean
}

const newestFirst = (a: FamilyMeetingLink, b: FamilyMeetingLink) => b.date.localeCompare(a.date)

async function meetingLink(deps: AppDeps, conference: Conference): Promise<FamilyMeetingLink> {
  const names = new Map(
    (await peopleOfCase(deps.db, conference.caseId)).map((person) => [person.id, person.firstName]),
  )
  return {
    conferenceId: conference.id,
    kind: conference.kind,
    date: conference.date,
    startTime: conference.startTime,
    status: conference.status,
    childNames: conference.childIds.map((id) => names.get(id) ?? ''),
  }
}

export async function familyHome(deps: AppDeps, actor: Actor): Promise<FamilyHome> {
  requireRole(actor, FAMILY_PAGE_ROLES, 'see your family’s meetings')
  const people = await peopleOfAccount(deps.db, actor.userId)
  const groups: FamilyHomeGroup[] = []
  for (const caseId of [...new Set(people.map((person) => person.caseId))]) {
    const theCase = await findCase(deps.db, caseId)
    if (!theCase) continue
    const own = people.filter((person) => person.caseId === caseId)
    const isYoungPerson = own.every((person) => person.role === 'child')
    const conferences = (await conferencesOfCase(deps.db, caseId)).filter(
      (conference) =>
        conference.status !== 'cancelled' &&
        (!isYoungPerson || own.some((person) => conference.childIds.includes(person.id))),
    )
    const meetings: FamilyMeetingLink[] = []
    for (const conference of conferences) meetings.push(await meetingLink(deps, conference))
    groups.push({
      caseId,
      familyName: theCase.familyName,
      isYoungPerson,
      meetings: meetings.sort(newestFirst),
    })
  }
  if (people.length > 0) return { groups, isAdvocate: false }

  const byCase = new Map<string, FamilyHomeGroup>()
  for (const conferenceId of await conferencesAsAdvocate(deps.db, actor.userId)) {
    const conference = await findConference(deps.db, conferenceId)
    if (!conference || conference.status === 'cancelled') continue
    let group = byCase.get(conference.caseId)
    if (!group) {
      const theCase = await findCase(deps.db, conference.caseId)
      group = { caseId: null, familyName: theCase?.familyName ?? '', isYoungPerson: false, meetings: [] }
      byCase.set(conference.caseId, group)
    }
    group.meetings.push(await meetingLink(deps, conference))
  }
  for (const group of byCase.values()) group.meetings.sort(newestFirst)
  return { groups: [...byCase.values()], isAdvocate: true }
}
