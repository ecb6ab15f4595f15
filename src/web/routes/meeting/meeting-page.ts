import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../../app/actor.ts'
import { NotFound } from '../../../app/errors.ts'
import { type MeetingRecord, meetingRecord } from '../../../app/meeting/meeting-record.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { renderPage } from '../../plugins/views.ts'
import { formValues } from './form-body.ts'
import { type ConferenceView, childNames, conferenceView, meetingPath } from './present-meeting.ts'

/** What every page of the meeting starts from: the conference in the address, and its record so far. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An id from the page address; an address that cannot name a record is a page that does not exist. */
export function idFrom(params: unknown, name: string): string {
  const value = (params as Record<string, unknown> | undefined)?.[name]
  if (typeof value !== 'string' || !UUID.test(value)) throw new NotFound('The page')
  return value.toLowerCase()
}

export interface MeetingPage {
  record: MeetingRecord
  conference: ConferenceView
  /** The meeting's overview, where every step starts. */
  overviewHref: string
}

export async function loadMeetingPage(
  deps: AppDeps,
  actor: Actor,
  conferenceId: string,
): Promise<MeetingPage> {
  const record = await meetingRecord(deps, actor, { conferenceId })
  return {
    record,
    conference: conferenceView(record.conference, childNames(record)),
    overviewHref: meetingPath(conferenceId),
  }
}

/** Renders one of the meeting's pages with the conference it is about. */
export function renderMeetingPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: MeetingPage,
  template: string,
  context: Record<string, unknown>,
): Promise<string> {
  return renderPage(request, reply, `pages/meeting/${template}.njk`, {
    conference: page.conference,
    overviewHref: page.overviewHref,
    ...context,
  })
}

/** The draft the signed-in person saved of a part of the meeting record, where there is one. */
export function draftOf(
  record: MeetingRecord,
  part: string,
): { values: Record<string, string | string[]>; savedAt: Date } | null {
  const draft = record.drafts.find((candidate) => candidate.part === part)
  if (!draft || typeof draft.data !== 'object' || draft.data === null || Array.isArray(draft.data))
    return null
  return { values: formValues(draft.data), savedAt: draft.savedAt }
}
