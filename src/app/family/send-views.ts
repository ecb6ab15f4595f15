import { z } from 'zod'
import { findStaffMember } from '../../db/case.repository.ts'
import { type FamilyViews, insertFamilyViews } from '../../db/family.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { insertStoredFile } from '../../db/stored-file.repository.ts'
import { formatLongDate, toDayNumber } from '../../domain/calendar/iso-date.ts'
import { familyViewsNotice } from '../../notify/family-messages.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { Forbidden, ValidationFailed } from '../errors.ts'
import { acceptUpload, type SentFile } from '../files/accept-upload.ts'
import { fullName, requireOpen } from '../invitations/conference-context.ts'
import { type AppDeps, audit, inTransaction, validate } from '../use-case.ts'
import { familyConference } from './family-access.ts'

/**
 * A family member sends their views for a meeting before it: written, or as a file (a PDF or a Word
 * document, checked by its content and size by src/app/files, and kept in the database), or both. Kept as sent; the social worker and the
 * chair are told by email that views have come in, with a link to read them (the email carries no
 * views). Open until the meeting is finalised or cancelled.
 */

export const VIEWS_MAX_CHARACTERS = 20_000

/** Whether text holds a control character no one types (tab and line breaks aside); NUL among them, which text cannot hold. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true
  }
  return false
}

const inputSchema = z.strictObject({
  conferenceId: recordId,
  text: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string({ error: 'Your views must be text' })
      .trim()
      .max(VIEWS_MAX_CHARACTERS, {
        error: `Your views must be ${VIEWS_MAX_CHARACTERS.toLocaleString('en-GB')} characters or fewer`,
      })
      .refine((text) => !hasControlCharacter(text), {
        error: 'Your views have characters in them that cannot be kept: type them again',
      })
      .optional(),
  ),
  /** A file sent with the views (a PDF or a Word document), as the form sent it; checked by acceptUpload. */
  file: z.unknown().optional(),
})

/** A file input left empty sends a part with no name and no bytes: no file. */
function fileSent(file: unknown): boolean {
  if (file === undefined || file === null || typeof file !== 'object') return false
  const sent = file as Partial<SentFile>
  return !(sent.name === '' && sent.bytes instanceof Uint8Array && sent.bytes.byteLength === 0)
}

export type SendViewsInput = z.input<typeof inputSchema>

/** Sends a family member's views; returns what was kept. */
export async function sendViews(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  options: { publicUrl: string; limitBytes: number },
): Promise<FamilyViews> {
  const value = validate(inputSchema, input)
  const withFile = fileSent(value.file)
  if (value.text === undefined && !withFile)
    throw new ValidationFailed([{ field: 'text', message: 'Write your views, or choose a file to send' }])
  const family = await familyConference(deps, actor, value.conferenceId, 'send your views for this meeting')
  const personId = family.personIds[0]
  if (personId === undefined)
    throw new Forbidden('Only the family can send their views here. An advocate passes on the child’s views.')
  const { context } = family
  requireOpen(context.conference, 'send views for it: the meeting is over')
  const accepted = withFile
    ? await acceptUpload(value.file, { field: 'file', label: 'The file', limitBytes: options.limitBytes })
    : null
  const person = context.people.get(personId)
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const stored = accepted
      ? await insertStoredFile(trx, {
          bytes: accepted.bytes,
          mediaType: accepted.kind.mediaType,
          sha256: accepted.sha256,
          originalName: accepted.name,
          uploadedBy: actor.userId,
          caseId: context.case.id,
          conferenceId: context.conference.id,
        })
      : null
    const views = await insertFamilyViews(trx, {
      conferenceId: context.conference.id,
      personId,
      sentBy: actor.userId,
      text: value.text ?? null,
      fileId: stored?.id ?? null,
      sentAt: now,
    })
    const senderName = person ? fullName(person) : actor.name
    const date = formatLongDate(toDayNumber(context.conference.date))
    const messageIds: string[] = []
    const told = new Set<string>()
    for (const staffId of [context.case.socialWorkerId, context.conference.chairId]) {
      if (staffId === null || told.has(staffId)) continue
      told.add(staffId)
      const staff = await findStaffMember(trx, staffId)
      if (!staff?.active) continue
      const notice = familyViewsNotice({
        staffName: staff.name,
        senderName,
        conferenceDate: date,
        caseReference: context.case.reference,
        link: `${options.publicUrl}/conferences/${context.conference.id}/family-views`,
        withFile: views.fileId !== null,
      })
      const message = await enqueueMessage(trx, {
        kind: 'family_views',
        to: { address: staff.email, name: staff.name },
        subject: notice.subject,
        bodyText: notice.bodyText,
        caseId: context.case.id,
        conferenceId: context.conference.id,
      })
      messageIds.push(message.id)
    }
    await audit(trx, actor, {
      action: 'family.views_sent',
      subject: { type: 'conference', id: context.conference.id },
      caseId: context.case.id,
      after: {
        viewsId: views.id,
        personId,
        characters: views.text?.length ?? 0,
        fileId: views.fileId,
        messageIds,
      },
    })
    return views
  })
}
