import { formatLongDate, type IsoDate, toDayNumber } from '../domain/calendar/iso-date.ts'

/**
 * The words of the messages a conference sends: invitations, report requests and the letters about
 * an exclusion. Pure: the facts in, a subject and a plain-text body out. Families get plain English
 * and no rule numbers; professionals get every date with the rule and paragraph behind it.
 */

export interface MessageText {
  subject: string
  bodyText: string
}

/** A conference as a message describes it. */
export interface ConferenceForMessage {
  kind: string
  date: IsoDate
  /** 'HH:MM' */
  startTime: string | null
  endTime: string | null
  venue: string | null
  remoteLink: string | null
  /** The first names of the children it is about. */
  childNames: readonly string[]
  familyName: string
  caseReference: string
}

/** A date from the engine, as a message lists it. */
export interface DueLine {
  rule: string
  /** null where the procedure gives no number of days. */
  date: IsoDate | null
  why: string
  source: string
}

const SIGN_OFF = 'Child protection conference service'

const KIND_WORDS: Record<string, string> = {
  initial: 'an initial child protection conference',
  review: 'a review child protection conference',
  pre_birth: 'a pre-birth child protection conference',
  transfer_in: 'a transfer-in child protection conference',
}

export const longDate = (date: IsoDate): string => formatLongDate(toDayNumber(date))

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

function kindWords(kind: string): string {
  return KIND_WORDS[kind] ?? 'a child protection conference'
}

function whenAndWhere(conference: ConferenceForMessage): string[] {
  const time =
    conference.startTime === null
      ? ''
      : conference.endTime === null
        ? `, starting at ${conference.startTime}`
        : `, ${conference.startTime} to ${conference.endTime}`
  const lines = [`When: ${longDate(conference.date)}${time}`]
  if (conference.venue) lines.push(`Where: ${conference.venue}`)
  if (conference.remoteLink) lines.push(`Online: ${conference.remoteLink}`)
  if (!conference.venue && !conference.remoteLink) lines.push('Where: we will tell you where the meeting is.')
  return lines
}

function dueLines(lines: readonly DueLine[]): string[] {
  return lines.map((line) =>
    line.date === null
      ? `- No date set: ${line.why} (${line.rule}, ${line.source})`
      : `- By ${longDate(line.date)}: ${line.why} (${line.rule}, ${line.source})`,
  )
}

function paragraphs(...blocks: (string | string[] | null)[]): string {
  return `${blocks
    .filter((block): block is string | string[] => block !== null && block.length > 0)
    .map((block) => (Array.isArray(block) ? block.join('\n') : block))
    .join('\n\n')}\n`
}

// Invitations -----------------------------------------------------------------------------------

export interface FamilyInvitationFacts {
  conference: ConferenceForMessage
  name: string
  /** Invited as the child the conference is about. */
  isChild: boolean
  /** When the family receives the reports, from the engine (T-RPT-SW-FAMILY, T-RPT-AGENCY for the family). */
  reportsBy: IsoDate | null
  /** The ways the procedure names for views to reach the conference, in plain English. */
  viewsRoutes: readonly string[]
  socialWorkerName: string | null
}

/** An invitation to a parent, carer or child: plain English, what happens, how to give views. */
export function familyInvitation(facts: FamilyInvitationFacts): MessageText {
  const { conference } = facts
  const about = facts.isChild ? 'you' : listInWords(conference.childNames)
  const routes =
    facts.viewsRoutes.length > 0
      ? `If you cannot come, you can still give your views: ${listInWords(facts.viewsRoutes)}.`
      : 'If you cannot come, you can still give your views: write to us, or tell your social worker.'
  return {
    subject: `Invitation to a child protection conference on ${longDate(conference.date)}`,
    bodyText: paragraphs(
      `Dear ${facts.name},`,
      `You are invited to ${kindWords(conference.kind)} about ${about}.`,
      whenAndWhere(conference),
      [
        'What happens at the conference',
        `A child protection conference is a meeting about keeping ${facts.isChild ? 'you' : 'children'} safe. ` +
          'The family, the professionals who work with the family and an independent chair meet to share what they know, ' +
          'listen to what the family thinks, and agree what needs to happen next. The chair makes sure everyone is heard.',
      ],
      facts.reportsBy === null
        ? null
        : [
            'Before the conference',
            `You will be given the reports written for the conference by ${longDate(facts.reportsBy)}, so that you can read them and say if anything is wrong.`,
          ],
      [
        'How to give your views',
        `You can come to the meeting and speak. ${routes}` +
          (facts.socialWorkerName
            ? ` You can reply to this message or talk to ${facts.socialWorkerName}, your social worker.`
            : ' You can reply to this message.'),
      ],
      [
        'Help to take part',
        'Tell us if you need an interpreter (we will arrange a trained interpreter: family members are not asked to interpret), ' +
          'help with getting there or getting into the building, or if you would like to bring someone to support you.',
      ],
      SIGN_OFF,
    ),
  }
}

export interface ProfessionalInvitationFacts {
  conference: ConferenceForMessage
  name: string
  /** The report dates from the engine for this invitee (T-RPT-AGENCY, or T-RPT-SW-* for the social worker). */
  reportDue: readonly DueLine[]
  /** What the procedure asks of a professional who cannot attend, with its citation. */
  ifYouCannotAttend: string | null
  /** Why this person was invited, where the procedure asks for a reason (REV-POLICE). */
  reason: string | null
  /** How a partner agency's practitioner replies and sends their report online, where they can. */
  onlineAccess?: OnlineAccess | null
}

/**
 * A partner's way into the service: a one-time link to set up their account (with the moment it
 * stops working, already in words), or the address to sign in at when they have an account.
 */
export type OnlineAccess = { link: string; expiresInWords: string } | { signInAt: string }

/** The paragraph that tells a partner how to reply and send their report online. */
export function onlineAccessParagraph(access: OnlineAccess): string[] {
  if ('signInAt' in access)
    return [
      'Reply and send your report online',
      `Sign in to Convene to reply, write or upload your report, and later see the decision and the actions that are yours: ${access.signInAt}`,
    ]
  return [
    'Reply and send your report online',
    'Open this link to set up your Convene account for this conference. You can then reply, write or upload your report, and later see the decision and the actions that are yours:',
    '',
    access.link,
    '',
    `The link works once, until ${access.expiresInWords}. It reaches only the conferences you are invited to. If it has expired, ask the conference administrator for a new one. Do not forward this email: the link is for you alone.`,
  ]
}

/** A new one-time link for a partner invited already (the first has expired, or was never used). */
export function partnerLinkMessage(facts: {
  conference: ConferenceForMessage
  name: string
  access: OnlineAccess
}): MessageText {
  const { conference } = facts
  return {
    subject: `Your link to the child protection conference on ${longDate(conference.date)} (${conference.caseReference})`,
    bodyText: paragraphs(
      `Dear ${facts.name},`,
      `You are invited to ${kindWords(conference.kind)} about ${listInWords(conference.childNames)} ${conference.familyName} (case ${conference.caseReference}).`,
      whenAndWhere(conference),
      onlineAccessParagraph(facts.access),
      SIGN_OFF,
    ),
  }
}

/** An invitation to a professional: when and where, the report due dates with their rules and citations. */
export function professionalInvitation(facts: ProfessionalInvitationFacts): MessageText {
  const { conference } = facts
  return {
    subject: `Invitation to ${kindWords(conference.kind).replace(/^an? /, '')} on ${longDate(conference.date)} (${conference.caseReference})`,
    bodyText: paragraphs(
      `Dear ${facts.name},`,
      `You are invited to ${kindWords(conference.kind)} about ${listInWords(conference.childNames)} ${conference.familyName} (case ${conference.caseReference}).`,
      whenAndWhere(conference),
      facts.reason ? `You are invited because: ${facts.reason}` : null,
      [
        'What happens at the conference',
        'The conference shares what each agency knows about the children and the family, assesses the risk of significant harm, and decides whether each child needs a child protection plan.',
      ],
      facts.reportDue.length > 0
        ? [
            'Your written report',
            'Please send a written report whether or not you can attend:',
            ...dueLines(facts.reportDue),
          ]
        : null,
      facts.ifYouCannotAttend ? ['If you cannot attend', facts.ifYouCannotAttend] : null,
      'Please reply to say whether you will attend, and whether you need anything to take part.',
      facts.onlineAccess ? onlineAccessParagraph(facts.onlineAccess) : null,
      SIGN_OFF,
    ),
  }
}

/** Instructions above a letter that goes by post, by hand or by phone rather than by email. */
export function deliveryNote(
  how: 'post' | 'by_hand' | 'phone',
  to: { name: string; address: string | null },
): string {
  if (how === 'post')
    return `Print this invitation and post it to ${to.name}${to.address ? `, ${to.address}` : ' (no address is recorded: add it to the case)'}.`
  if (how === 'by_hand') return `Print this invitation and give it to ${to.name} by hand.`
  return `${to.name} was invited by phone. Read them this invitation, and send or give them a copy.`
}

/** A copy of a letter, for the member of staff who delivers it. */
export function letterForDelivery(letter: MessageText, note: string): MessageText {
  return {
    subject: `To deliver: ${letter.subject}`,
    bodyText: `${note}\n\n----------------------------------------\n\n${letter.bodyText}`,
  }
}

// Report requests -------------------------------------------------------------------------------

export interface ReportRequestFacts {
  conference: ConferenceForMessage
  name: string
  kind: 'social_worker' | 'agency'
  due: readonly DueLine[]
  sections: readonly { title: string; source: string | null }[]
  /** Statements are marked as the procedure asks: the kinds, and the citation. */
  statementMarking: { kinds: readonly string[]; source: string } | null
  secondHandFlagged: { source: string } | null
  notes: readonly string[]
  reportId: string
}

/** A request for a report: when it is due (rule and citation) and the sections the procedure asks for. */
export function reportRequest(facts: ReportRequestFacts): MessageText {
  const { conference } = facts
  const sectionLines = facts.sections.map((s) => `- ${s.title}${s.source ? ` (${s.source})` : ''}`)
  return {
    subject: `Report requested: conference on ${longDate(conference.date)} (${conference.caseReference})`,
    bodyText: paragraphs(
      `Dear ${facts.name},`,
      `Please write ${facts.kind === 'social_worker' ? 'the social work report' : 'your agency’s report'} for ${kindWords(conference.kind)} about ${listInWords(conference.childNames)} ${conference.familyName} (case ${conference.caseReference}).`,
      whenAndWhere(conference),
      facts.due.length > 0 ? ['When it is due', ...dueLines(facts.due)] : null,
      ['What the report covers', ...sectionLines],
      facts.statementMarking
        ? `Mark each statement as ${listInWords(facts.statementMarking.kinds)} (${facts.statementMarking.source}).`
        : null,
      facts.secondHandFlagged
        ? `Say which information is second hand, and where it came from (${facts.secondHandFlagged.source}).`
        : null,
      facts.notes.length > 0 ? [...facts.notes] : null,
      'Your draft is saved as you write, so nothing you type is lost. Sign and date the report when you submit it.',
      `Report reference: ${facts.reportId}`,
      SIGN_OFF,
    ),
  }
}

// Exclusion -------------------------------------------------------------------------------------

export interface ExclusionLetterFacts {
  conference: ConferenceForMessage
  name: string
  scope: 'all' | 'part'
  partDescription: string | null
  items: readonly (
    | 'reason'
    | 'alternative_ways_to_give_views'
    | 'how_outcome_communicated'
    | 'complaints_procedure'
  )[]
  reasons: string
  viewsHeardBy: string
  receives: readonly string[]
  chairName: string
  signedByChair: boolean
}

/** The letter to a person excluded from a conference, with what the procedure says it contains (X-NOTIFY). */
export function exclusionLetter(facts: ExclusionLetterFacts): MessageText {
  const { conference } = facts
  const what =
    facts.scope === 'all'
      ? `the conference on ${longDate(conference.date)}`
      : `part of the conference on ${longDate(conference.date)} (${facts.partDescription})`
  const blocks: (string | string[] | null)[] = [
    `Dear ${facts.name},`,
    `The chair of the conference has decided that you will not attend ${what}.`,
  ]
  for (const item of facts.items) {
    if (item === 'reason') blocks.push(['Why', facts.reasons])
    if (item === 'alternative_ways_to_give_views')
      blocks.push(['How your views will still be heard', facts.viewsHeardBy])
    if (item === 'how_outcome_communicated')
      blocks.push([
        'How you will hear what was decided',
        `You will be told what the conference decides.${facts.receives.length > 0 ? ` You will receive ${listInWords(facts.receives)}.` : ''}`,
      ])
    if (item === 'complaints_procedure')
      blocks.push([
        'If you are unhappy with this decision',
        'You can complain about this decision through the council’s complaints procedure for child protection conferences. Your social worker can tell you how.',
      ])
  }
  if (!facts.items.includes('alternative_ways_to_give_views'))
    blocks.push(['How your views will still be heard', facts.viewsHeardBy])
  blocks.push(facts.signedByChair ? `${facts.chairName}\nChair of the conference` : SIGN_OFF)
  return {
    subject: `About the child protection conference on ${longDate(conference.date)}`,
    bodyText: paragraphs(...blocks),
  }
}

/** The notice to an invited professional that a family member is excluded (Kent §7). */
export function exclusionNoticeToProfessional(facts: {
  conference: ConferenceForMessage
  name: string
  excludedName: string
  scope: 'all' | 'part'
  partDescription: string | null
  source: string
}): MessageText {
  const { conference } = facts
  const what = facts.scope === 'all' ? 'the conference' : `part of the conference (${facts.partDescription})`
  return {
    subject: `Exclusion from the conference on ${longDate(conference.date)} (${conference.caseReference})`,
    bodyText: paragraphs(
      `Dear ${facts.name},`,
      `The chair has decided that ${facts.excludedName} will not attend ${what} on ${longDate(conference.date)} (case ${conference.caseReference}). Invited professionals are told of an exclusion (${facts.source}).`,
      SIGN_OFF,
    ),
  }
}
