import { z } from 'zod'
import { findCase } from '../../db/case.repository.ts'
import { conferencesOfCase } from '../../db/conference.repository.ts'
import { peopleOfAccount, readsOfFamilyRecord } from '../../db/family.repository.ts'
import { recordRead } from '../access/record-read.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, validate } from '../use-case.ts'
import { familyCase } from './family-access.ts'

/**
 * Who has looked at the family's record, as the family is told it, from the access log.
 *
 * How the council names the readers: by their role and their organisation, and the day. Staff are
 * not named, except the people the family already knows by name from their letters (their allocated
 * social worker, the chair of their meetings), shown as "your social worker" and "the chair"; a
 * person's name is given on request through a subject access request. The person's own reads are
 * shown as "you". Other family members' reads are left out: what one parent opens, and when, is
 * theirs, and can matter where there is domestic abuse. A young person sees the reads of the whole
 * family's record and of their own, not their brothers' and sisters'.
 */

/** How many reads the page shows, newest first. */
export const READS_SHOWN = 200

export type ReaderKind = 'you' | 'your_social_worker' | 'chair' | 'staff' | 'service'

export interface FamilyRecordRead {
  occurredAt: Date
  who: ReaderKind
  /** The reader's roles (for staff) and organisation, as their account holds them. */
  roles: string[]
  agency: string | null
  /** What they looked at, as the access log names it ("case.viewed", "family.report_viewed"). */
  action: string
}

export interface FamilyRecordReads {
  caseId: string
  familyName: string
  isYoungPerson: boolean
  reads: FamilyRecordRead[]
}

const FAMILY_ROLES = ['parent_carer', 'child_young_person']

export async function familyRecordReads(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<FamilyRecordReads> {
  const { caseId } = validate(z.strictObject({ caseId: recordId }), input)
  const access = await familyCase(deps, actor, caseId, 'see who has looked at your family’s record')
  const theCase = await findCase(deps.db, caseId)
  if (!theCase) throw new NotFound('The case')
  const own = (await peopleOfAccount(deps.db, actor.userId)).filter((person) =>
    access.personIds.includes(person.id),
  )
  const isYoungPerson = own.length > 0 && own.every((person) => person.role === 'child')
  const childIds = isYoungPerson ? own.map((person) => person.id) : 'all'
  const logged = recordRead(deps, actor, {
    action: 'family.reads_viewed',
    caseId,
    childId: isYoungPerson ? (own[0]?.id ?? null) : null,
  })
  const chairs = new Set(
    (await conferencesOfCase(deps.db, caseId)).flatMap((conference) =>
      conference.chairId ? [conference.chairId] : [],
    ),
  )
  await logged
  const reads = await readsOfFamilyRecord(deps.db, caseId, childIds, READS_SHOWN * 2)
  const shown: FamilyRecordRead[] = []
  for (const read of reads) {
    const roles = read.roles ?? []
    const isOtherFamily =
      read.actorUserId !== actor.userId && roles.some((role) => FAMILY_ROLES.includes(role))
    if (isOtherFamily) continue
    const who: ReaderKind =
      read.actorUserId === null
        ? 'service'
        : read.actorUserId === actor.userId
          ? 'you'
          : read.actorUserId === theCase.socialWorkerId
            ? 'your_social_worker'
            : chairs.has(read.actorUserId)
              ? 'chair'
              : 'staff'
    shown.push({ occurredAt: read.occurredAt, who, roles, agency: read.agency, action: read.action })
    if (shown.length >= READS_SHOWN) break
  }
  return { caseId, familyName: theCase.familyName, isYoungPerson, reads: shown }
}
