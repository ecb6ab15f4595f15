import type { CaseEvent } from '../../db/case.repository.ts'
import type { CaseRecord } from '../../db/case-record.repository.ts'
import type { JsonValue } from '../../db/jsonb.ts'
import { ukDateAndTime } from '../../domain/calendar/clock-time.ts'
import { formatLongDate, toDayNumber } from '../../domain/calendar/iso-date.ts'
import { requireStaffCaseAccess } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { requireCaseRecord } from '../case-facts.ts'
import type { AppDeps } from '../use-case.ts'
import { nameOf } from './person-input.ts'

export interface TimelineEntry {
  /** 'YYYY-MM-DD': the day it happened (or, for a conference, the day it is or was booked for). */
  date: string
  /** 'HH:MM' where the time is known. */
  time?: string
  /** What kind of entry: a case event's type, or conference_requested, conference_booked... */
  type: string
  /** One line, in plain words. */
  title: string
  /** More, where there is more: reasons, outcome, notes. */
  detail?: string
  /** The records behind the entry. */
  refs: { eventId?: string; requestId?: string; conferenceId?: string; personId?: string }
}

const KIND_NAMES: Record<string, string> = {
  initial: 'Initial conference',
  review: 'Review conference',
  pre_birth: 'Pre-birth conference',
  transfer_in: 'Transfer-in conference',
}

const S47_OUTCOME_WORDS: Record<string, string> = {
  convene_conference: 'concerns substantiated; a conference is to be convened',
  substantiated_not_at_continuing_risk: 'concerns substantiated; the child is not judged at continuing risk',
  not_substantiated: 'concerns not substantiated',
}

const text = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined
const longDate = (date: string) => formatLongDate(toDayNumber(date))

function eventTitle(event: CaseEvent, personName: (id: string | undefined) => string): string {
  const d = event.details
  switch (event.type) {
    case 'strategy_discussion':
      return d.initiatedS47 === true
        ? 'Strategy discussion: started the section 47 enquiry'
        : 'Strategy discussion'
    case 's47_start':
      return 'Section 47 enquiry started'
    case 's47_outcome':
      return `Section 47 enquiry outcome: ${S47_OUTCOME_WORDS[text(d.outcome) ?? ''] ?? text(d.outcome) ?? 'recorded'}`
    case 'epo': {
      const expires = text(d.expires)
      return `Emergency protection order made${expires ? ` (expires ${longDate(expires)})` : ''}`
    }
    case 'cao':
      return 'Child assessment order concluded'
    case 'transfer_notification': {
      const from = text(d.fromAuthority)
      return `Told of a child on a plan moving here${from ? ` from ${from}` : ''}`
    }
    case 'child_moved':
      return 'Child moved into the area'
    case 'birth':
      return `Birth of ${personName(text(d.childId))}`
    case 'core_group':
      return 'Core group meeting'
    case 'visit':
      return d.seenAlone === true ? 'Visit: child seen alone' : 'Visit'
    case 'record_received':
      return `Conference record received${text(d.recipient) ? ` by ${text(d.recipient)}` : ''}`
    case 'plan_received':
      return `Child protection plan received${text(d.agency) ? ` by ${text(d.agency)}` : ''}`
    case 'cin_plan':
      return 'Child in need plan agreed'
    case 'pre_birth_criteria': {
      const criteria = Array.isArray(d.criteria) ? d.criteria.map(String) : []
      return `Pre-birth criteria met for ${personName(text(d.childId))}: ${criteria.join(', ')}`
    }
  }
}

/**
 * What happened on a case, in order, for the case page: the events recorded, requests to convene and
 * the manager's decisions, conferences booked, rebooked, delayed and cancelled. Read only.
 */
export async function caseTimeline(deps: AppDeps, actor: Actor, caseId: string): Promise<TimelineEntry[]> {
  await requireStaffCaseAccess(deps.db, actor, caseId, "see a case's history", deps.clock())
  return timelineOfRecord(await requireCaseRecord(deps.db, caseId))
}

/** What happened on a case, in order, from its whole record. Pure. */
export function timelineOfRecord(record: CaseRecord): TimelineEntry[] {
  const { events, people, requests, conferences, staffNames: names } = record
  const byId = new Map(people.map((person) => [person.id, person]))
  const personName = (id: string | undefined) => {
    const person = id ? byId.get(id) : undefined
    return person ? nameOf(person) : 'a child'
  }
  const entries: TimelineEntry[] = []
  for (const event of events) {
    const notes = text(event.details.notes)
    const childId = text(event.details.childId)
    entries.push({
      date: event.occurredOn,
      type: event.type,
      title: eventTitle(event, personName),
      ...(notes ? { detail: notes } : {}),
      refs: { eventId: event.id, ...(childId ? { personId: childId } : {}) },
    })
  }
  for (const request of requests) {
    const kind = KIND_NAMES[request.kind] ?? 'Conference'
    entries.push({
      ...ukDateAndTime(request.requestedAt),
      type: 'conference_requested',
      title: `${kind} requested${request.requestingAgency ? ` at the request of ${request.requestingAgency}` : ''}`,
      detail: request.reasons,
      refs: { requestId: request.id },
    })
    if (request.decidedAt && request.status !== 'requested') {
      const manager = request.managerId ? names.get(request.managerId) : undefined
      entries.push({
        ...ukDateAndTime(request.decidedAt),
        type: `conference_${request.status}`,
        title: `${kind} ${request.status === 'authorised' ? 'authorised' : 'declined'}${manager ? ` by ${manager}` : ''}`,
        ...(request.decisionReasons ? { detail: request.decisionReasons } : {}),
        refs: { requestId: request.id },
      })
    }
  }
  for (const conference of conferences) {
    const kind = KIND_NAMES[conference.kind] ?? 'Conference'
    const booked = ukDateAndTime(conference.createdAt)
    entries.push({
      ...booked,
      type: 'conference_booked',
      title: `${kind} booked for ${longDate(conference.date)}${conference.startTime ? ` at ${conference.startTime}` : ''}`,
      refs: { conferenceId: conference.id },
    })
    const rebookings = Array.isArray(conference.schedulingNotes.rebookings)
      ? conference.schedulingNotes.rebookings
      : []
    for (const rebooking of rebookings) {
      if (rebooking === null || typeof rebooking !== 'object' || Array.isArray(rebooking)) continue
      const at = text(rebooking.at)
      if (!at) continue
      entries.push({
        ...ukDateAndTime(new Date(at)),
        type: 'conference_rebooked',
        title: `${kind} rebooked`,
        ...(text(rebooking.reason) ? { detail: text(rebooking.reason)! } : {}),
        refs: { conferenceId: conference.id },
      })
    }
    const delay = conference.delay
    if (delay && text(delay.recordedAt))
      entries.push({
        ...ukDateAndTime(new Date(text(delay.recordedAt)!)),
        type: 'conference_delayed',
        title: `${kind} delayed`,
        ...(text(delay.reason) ? { detail: text(delay.reason)! } : {}),
        refs: { conferenceId: conference.id },
      })
    const cancellation = conference.schedulingNotes.cancellation
    if (
      cancellation &&
      typeof cancellation === 'object' &&
      !Array.isArray(cancellation) &&
      text(cancellation.at)
    )
      entries.push({
        ...ukDateAndTime(new Date(text(cancellation.at)!)),
        type: 'conference_cancelled',
        title: `${kind} of ${longDate(conference.date)} cancelled`,
        ...(text(cancellation.reason) ? { detail: text(cancellation.reason)! } : {}),
        refs: { conferenceId: conference.id },
      })
    if (conference.status !== 'cancelled')
      entries.push({
        date: conference.date,
        ...(conference.startTime ? { time: conference.startTime } : {}),
        type: 'conference',
        title: `${kind} (${conference.status.replace('_', ' ')})`,
        refs: { conferenceId: conference.id },
      })
  }
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort(
      (a, b) =>
        a.entry.date.localeCompare(b.entry.date) ||
        (a.entry.time ?? '').localeCompare(b.entry.time ?? '') ||
        a.order - b.order,
    )
    .map(({ entry }) => entry)
}
