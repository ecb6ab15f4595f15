import { sizeInWords } from '../../../app/files/accept-upload.ts'
import { kindOf } from '../../../app/files/file-kinds.ts'
import type { PartnerConferencePage } from '../../../app/partners/partner-conferences.ts'
import type { PartnerInvitation } from '../../../db/partner-work.repository.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { conferenceKindWords } from '../../conference-kind-words.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import {
  deadlineNote,
  RESPONSE_TAGS,
  STATUS_TAGS,
  whenInWords,
  whereInWords,
} from '../conferences/present.ts'
import { categoryName } from '../meeting/words.ts'

/** How the partner's pages put their conferences into words. */

export const RESPONSE_ITEMS = [
  { value: 'attending', text: 'I will attend' },
  { value: 'attending_remotely', text: 'I will attend by video link' },
  { value: 'not_attending', text: 'I cannot attend' },
  { value: 'report_and_substitute', text: 'I cannot attend: I will send my report and a colleague instead' },
]

/** One conference as the partner's list shows it. */
export function conferenceRow(invitation: PartnerInvitation) {
  return {
    id: invitation.conference.id,
    title: conferenceKindWords(invitation.conference.kind),
    when: whenInWords(invitation.conference),
    family: `${invitation.case.familyName} family (${invitation.case.reference})`,
    status: STATUS_TAGS[invitation.conference.status],
    reply: RESPONSE_TAGS[invitation.response] ?? RESPONSE_TAGS.awaiting,
  }
}

export interface ReplyValues {
  response: string
  substituteName: string
  reason: string
}

/** One conference's page for its invited partner. */
export function conferencePageView(
  page: PartnerConferencePage,
  profile: Profile,
  options: { limitBytes: number },
) {
  const { invitation } = page
  return {
    id: invitation.conference.id,
    title: `${conferenceKindWords(invitation.conference.kind)} on ${dateOnPage(invitation.conference.date)}`,
    caption: `${invitation.case.familyName} family (${invitation.case.reference})`,
    when: whenInWords(invitation.conference),
    where: whereInWords(invitation.conference) || 'Not set yet',
    remoteLink: invitation.conference.remoteLink,
    children: page.childNames.join(', '),
    status: STATUS_TAGS[invitation.conference.status],
    invitedAs: `${invitation.professional.name}`,
    reply: RESPONSE_TAGS[invitation.response] ?? RESPONSE_TAGS.awaiting,
    substituteName: invitation.substituteName,
    reportDue: page.reportDue.map((deadline) => deadlineNote(deadline, profile)),
    reportDueWhyNot: page.reportDueWhyNot,
    report: page.report
      ? {
          id: page.report.id,
          sent: page.report.status === 'submitted',
          sentOn: page.report.receivedAt ? momentOnPage(page.report.receivedAt) : null,
          fileId: page.report.fileId,
          status: page.report.status,
        }
      : null,
    files: page.files.map((file) => ({
      id: file.id,
      name: file.originalName,
      kind: kindOf(file.mediaType)?.name ?? file.mediaType,
      size: sizeInWords(file.sizeBytes),
      sentAt: momentOnPage(file.createdAt),
    })),
    decisions: page.decisions?.map((decision) => ({
      childName: decision.childName,
      plan: decision.plan,
      categories: decision.categories.map(categoryName).join(', '),
      firstCoreGroupOn: decision.firstCoreGroupOn ? dateOnPage(decision.firstCoreGroupOn) : null,
      firstReviewOn: decision.firstReviewOn ? dateOnPage(decision.firstReviewOn) : null,
      actions: decision.actions.map((action) => ({
        action: action.action,
        owner: action.owner,
        due: action.dueOn ? dateOnPage(action.dueOn) : 'No date set',
      })),
    })),
    may: page.may,
    limit: sizeInWords(options.limitBytes),
  }
}
