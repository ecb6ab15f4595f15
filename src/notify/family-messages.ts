import type { MessageText } from './conference-messages.ts'

/**
 * The words of the messages about a family member's own account and their views. Pure. A family
 * member's messages are plain English, with no rule numbers and nothing from the case's papers;
 * the staff's say who sent views for which conference, and where to read them.
 */

export interface FamilyAccountInvitationFacts {
  /** How the message greets them: a young person by their first name. */
  greeting: string
  isYoungPerson: boolean
  /** Who set it up, as the family knows them ("Sam Worker, your social worker"). */
  sentBy: string
  link: string
  linkDays: number
}

/** The email with a family member's one-time link to open their own account. */
export function familyAccountInvitation(facts: FamilyAccountInvitationFacts): MessageText {
  const papers = facts.isYoungPerson
    ? 'the papers about you for your child protection meetings'
    : 'the papers for your family’s child protection meetings'
  return {
    subject: 'Your own sign-in to see your meeting papers',
    bodyText: [
      `Dear ${facts.greeting},`,
      '',
      `${facts.sentBy} has set up a way for you to see ${papers} online.`,
      '',
      'You can see your invitations, the reports shared with you, and what was decided. You can also send your views before a meeting.',
      '',
      'To start, open this link and choose a password:',
      '',
      facts.link,
      '',
      `The link works once, for ${facts.linkDays} days. If it has stopped working, ask your social worker for a new one.`,
      '',
      'If you were not expecting this email, you do not need to do anything. Nobody can use the link without this email.',
      '',
      'Child protection conference service',
    ].join('\n'),
  }
}

export interface FamilyViewsNoticeFacts {
  staffName: string
  senderName: string
  conferenceDate: string
  caseReference: string
  link: string
  withFile: boolean
}

/** A notice to the social worker and the chair that a family member has sent their views. */
export function familyViewsNotice(facts: FamilyViewsNoticeFacts): MessageText {
  return {
    subject: `Views sent for the conference on ${facts.conferenceDate} (${facts.caseReference})`,
    bodyText: [
      `Dear ${facts.staffName},`,
      '',
      `${facts.senderName} has sent their views${facts.withFile ? ', with a file,' : ''} for the conference on ${facts.conferenceDate} (case ${facts.caseReference}).`,
      '',
      `Read them here: ${facts.link}`,
      '',
      'Child protection conference service',
    ].join('\n'),
  }
}
