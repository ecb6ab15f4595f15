import { createHash } from 'node:crypto'
import { z } from 'zod'
import { appendAccess } from '../../db/access-log.repository.ts'
import { type Person, parentalResponsibilityOfCase, peopleOfCase } from '../../db/case.repository.ts'
import { disclosuresOfConferences } from '../../db/disclosure.repository.ts'
import { enquiriesOfPerson } from '../../db/enquiry.repository.ts'
import { exclusionsOf } from '../../db/invitation.repository.ts'
import { reportsOf, withholdingsOf } from '../../db/report.repository.ts'
import {
  type ConferenceOfPerson,
  conferencesOfPerson,
  exclusionsOfPerson,
  finalisedDecisionsAbout,
  insertSubjectAccessExport,
  invitationsOfPerson,
  participationOfChild,
  viewsSentBy,
} from '../../db/subject-access.repository.ts'
import { procedureNote } from '../../domain/conference/convening.ts'
import { isWithheldFrom, type WithholdingAudience } from '../../domain/conference/report-contents.ts'
import { disclosureProcedure, subjectAccessNote } from '../../domain/disclosure/disclosure-basis.ts'
import { dayWords } from '../../domain/disclosure/plan-status.ts'
import { type Actor, actorLabel } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import {
  anyPartWithheld,
  audiencesOf,
  chairAllows,
  type FamilyReader,
  reportAsShown,
  reportReachesFamily,
  wholeReportWithheld,
} from '../reports/withheld-from.ts'
import { type AppDeps, audit, councilProfile, inTransaction, validate } from '../use-case.ts'
import { type LoadedRequest, loadSubjectAccessRequest, RELATIONSHIP_WORDS } from './subject-access-request.ts'

/**
 * The export for a subject access request: everything Convene holds about one person (their record,
 * their case, the conferences they were part of, their invitations, their participation, the
 * decisions about them, requests to exclude them, the views they sent, the enquiries about them and
 * the disclosures of their conferences' records) and the reports of those conferences as far as the
 * council's procedure allows. Sections withheld from the person (or from the person asking on their
 * behalf) are left out, and the export lists what was left out and why, in the procedure's words
 * (DIST-THIRD-PARTY; Kent §15: open sections released, closed sections only after consultation).
 * Each export given is recorded, with a digest of what was given, in the audit log.
 */

const KIND_WORDS: Record<string, string> = {
  initial: 'initial child protection conference',
  review: 'review child protection conference',
  pre_birth: 'pre-birth child protection conference',
  transfer_in: 'transfer-in child protection conference',
}

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`
const isChild = (person: Person) => person.role === 'child' || person.role === 'unborn'

export interface LeftOut {
  what: string
  why: string
}

export interface ExportedSection {
  title: string
  text: string
  statements: { text: string; kind: string | null; secondHand: boolean | null; from: string | null }[]
}

export interface ExportedConference {
  date: string
  kind: string
  status: string
  partOfIt: string[]
  invitations: { role: string; sentVia: string | null; sentAt: string | null; response: string }[]
  participation: {
    wish: string | null
    wishes: string | null
    chairDecision: string | null
    chairReasons: string | null
  } | null
  decision: {
    thresholdMet: boolean
    plan: boolean
    categories: string[]
    childInNeedPlan: boolean
    recommendations: string | null
    parentsViews: string | null
    outlinePlan: Record<string, string>
    firstCoreGroupOn: string | null
    firstReviewOn: string | null
    actions: { action: string; owner: string; dueOn: string | null }[]
  } | null
  exclusions: {
    scope: string
    part: string | null
    grounds: string[]
    requestedOn: string
    decision: string | null
    decidedAt: string | null
    reasons: string | null
    receives: string[]
  }[]
  reports: {
    kind: string
    agency: string
    author: string
    signedOn: string | null
    sections: ExportedSection[]
  }[]
  viewsSent: { sentAt: string; text: string | null; sentAsFile: boolean }[]
}

export interface SubjectAccessExport {
  title: string
  producedAt: string
  request: {
    id: string
    receivedOn: string
    requester: string
    onBehalf: string
    identityChecked: string
  }
  person: Record<string, string | boolean | null>
  case: { reference: string; familyName: string; householdAddress: string | null; status: string }
  parentalResponsibility: { holdsItFor: string[]; heldBy: string[] }
  conferences: ExportedConference[]
  enquiries: { receivedAt: string; enquirerAgency: string; enquirerRole: string; answer: string }[]
  disclosures: { decidedAt: string; to: string; what: string; basis: string }[]
  leftOut: LeftOut[]
  procedure: { rule: string; status: string; says: string; source: string | null; subjectAccess: string }
}

function personRecord(person: Person): Record<string, string | boolean | null> {
  return {
    role: person.role,
    firstName: person.firstName,
    lastName: person.lastName,
    otherNames: person.otherNames,
    dateOfBirth: person.dateOfBirth,
    expectedDateOfDelivery: person.expectedDateOfDelivery,
    gender: person.gender,
    ethnicity: person.ethnicity,
    religion: person.religion,
    firstLanguage: person.firstLanguage,
    interpreterLanguage: person.interpreterLanguage,
    disability: person.disability,
    nationality: person.nationality,
    immigrationStatus: person.immigrationStatus,
    address: person.address,
    email: person.email,
    phone: person.phone,
    livesInHousehold: person.livesInHousehold,
    subjectOfConferences: person.isSubject,
    notSubjectReason: person.notSubjectReason,
  }
}

/** The export for a request, read from the records now. Writes nothing. */
/** A part left out of the export, as the person handling the request sees it (never in the export itself). */
export interface WithheldPart {
  report: string
  section: string
  from: WithholdingAudience
  reason: string
}

export interface BuiltExport {
  data: SubjectAccessExport
  /** Which parts were left out, from whom and why, for the staff page only. */
  withheld: WithheldPart[]
}

export async function buildSubjectAccessExport(deps: AppDeps, loaded: LoadedRequest): Promise<BuiltExport> {
  const { request, person, requester } = loaded
  const db = deps.db
  const profile = councilProfile(deps)
  const procedure = disclosureProcedure(profile)
  const note = subjectAccessNote(procedure)
  const readers: FamilyReader[] = [{ kind: 'family_member', personId: person.id, isChild: isChild(person) }]
  if (requester && requester.id !== person.id)
    readers.push({ kind: 'family_member', personId: requester.id, isChild: isChild(requester) })
  const audiences = audiencesOf(profile, readers)
  const xRecord = procedureNote(profile, 'X-RECORD').source ?? 'X-RECORD'
  const withheld: WithheldPart[] = []

  const people = new Map((await peopleOfCase(db, person.caseId)).map((one) => [one.id, one]))
  const links = await parentalResponsibilityOfCase(db, person.caseId)
  const nameOf = (id: string) => {
    const one = people.get(id)
    return one ? fullName(one) : 'a person no longer on record'
  }

  const conferences = await conferencesOfPerson(db, person.id)
  const [invitations, participation, decisions, exclusions, views, enquiries, disclosures] =
    await Promise.all([
      invitationsOfPerson(db, person.id),
      participationOfChild(db, person.id),
      finalisedDecisionsAbout(db, person.id),
      exclusionsOfPerson(db, person.id),
      viewsSentBy(db, person.id),
      enquiriesOfPerson(db, person.id),
      disclosuresOfConferences(
        db,
        conferences.map((one) => one.id),
      ),
    ])

  const leftOut: LeftOut[] = []
  const exported: ExportedConference[] = []
  for (const conference of conferences) {
    const allows = chairAllows(await exclusionsOf(db, conference.id), readers)
    const excludedWords = `The chair excluded this person from ${allows.excluded === 'all' ? 'the' : 'part of the'} conference and did not allow them to receive it (${xRecord})`
    const found = decisions.find((one) => one.conferenceId === conference.id)
    const decision = found && allows.decisionLetter ? found : undefined
    if (found && !decision)
      leftOut.push({ what: `The decision of the ${conferenceWords(conference)}`, why: `${excludedWords}.` })
    const mine = exclusions.filter((one) => one.conferenceId === conference.id)
    const partOfIt = [
      ...(conference.subject ? ['a child the conference was about'] : []),
      ...invitations
        .filter((one) => one.conferenceId === conference.id)
        .map((one) => `invited (${one.role})`),
      ...(mine.length > 0 ? ['asked to be excluded from it'] : []),
    ]
    const entry: ExportedConference = {
      date: conference.date,
      kind: KIND_WORDS[conference.kind] ?? conference.kind,
      status: conference.status,
      partOfIt,
      invitations: invitations
        .filter((one) => one.conferenceId === conference.id)
        .map((one) => ({
          role: one.role,
          sentVia: one.sentVia,
          sentAt: one.sentAt?.toISOString() ?? null,
          response: one.response,
        })),
      participation: participation.find((one) => one.conferenceId === conference.id) ?? null,
      decision: decision
        ? {
            thresholdMet: decision.thresholdMet,
            plan: decision.plan,
            categories: decision.categories,
            childInNeedPlan: decision.childInNeedPlan,
            recommendations: decision.recommendations,
            parentsViews: decision.parentsViews,
            outlinePlan: decision.outlinePlan,
            firstCoreGroupOn: decision.firstCoreGroupOn,
            firstReviewOn: decision.firstReviewOn,
            actions: decision.actions,
          }
        : null,
      exclusions: mine.map((one) => ({
        scope: one.scope,
        part: one.partDescription,
        grounds: one.grounds,
        requestedOn: one.requestedOn,
        decision: one.decision,
        decidedAt: one.decidedAt?.toISOString() ?? null,
        reasons: one.decisionReasons,
        receives: one.receives,
      })),
      reports: [],
      viewsSent: views
        .filter((one) => one.conferenceId === conference.id)
        .map((one) => ({ sentAt: one.sentAt.toISOString(), text: one.text, sentAsFile: one.sentAsFile })),
    }
    if (decision)
      leftOut.push({
        what: `The views of each named professional, and any dissent, recorded with the decision of the ${conferenceWords(conference)}`,
        why: 'They are the recorded views of other people, named; they are considered with those people before any release.',
      })
    if (mine.length > 0)
      leftOut.push({
        what: `The evidence given with the request to exclude this person from the ${conferenceWords(conference)}`,
        why: 'It is the account of the person who asked for the exclusion; it is considered with them before any release.',
      })
    for (const report of await reportsOf(db, conference.id)) {
      const about = `the report by ${report.authorName} (${report.agency}) for the ${conferenceWords(conference)}`
      if (!reportReachesFamily(report, allows)) {
        leftOut.push({
          what: capitalised(about),
          why:
            report.status !== 'submitted'
              ? 'Its author has not submitted it: it is not yet part of the record.'
              : report.sharedWithFamilyOn === null
                ? 'It has not been shared with the family; a report reaches the family only once it is shared.'
                : `${excludedWords}.`,
        })
        continue
      }
      const withholdings = await withholdingsOf(db, report.id)
      if (wholeReportWithheld(withholdings, audiences)) {
        leftOut.push({
          what: capitalised(about),
          why: `The whole report is withheld from this person or their family. ${note}`,
        })
        for (const withholding of withholdings)
          if (
            withholding.section === null &&
            audiences.some((audience) => isWithheldFrom(withholding, audience))
          )
            withheld.push({
              report: capitalised(about),
              section: 'The whole report',
              from: withholding.audience,
              reason: withholding.reason,
            })
        continue
      }
      const shown = reportAsShown(report, withholdings, audiences)
      if (report.fileId !== null)
        leftOut.push({
          what: `The file sent as ${about}`,
          why:
            shown.fileId === null
              ? `A part of it is withheld from this person or their family, and a file cannot have a part taken out. ${note}`
              : 'A file is not part of this export: it is given with it, as sent.',
        })
      entry.reports.push({
        kind: report.kind,
        agency: report.agency,
        author: report.authorName,
        signedOn: report.signedOn,
        sections: shown.sections.map((section) => ({
          title: section.title,
          text: section.text,
          statements: section.statements.map((statement) => ({
            text: statement.text,
            kind: statement.kind,
            secondHand: statement.secondHand,
            from: statement.from,
          })),
        })),
      })
      if (report.fileId === null && anyPartWithheld(withholdings, audiences)) {
        leftOut.push({
          what: `Parts of ${about}`,
          why: `They are withheld from this person or their family. ${note}`,
        })
        for (const withholding of withholdings)
          if (audiences.some((audience) => isWithheldFrom(withholding, audience)))
            withheld.push({
              report: capitalised(about),
              section:
                report.outline.sections.find((one) => one.code === withholding.section)?.title ??
                withholding.section ??
                'The whole report',
              from: withholding.audience,
              reason: withholding.reason,
            })
      }
    }
    exported.push(entry)
  }
  if (conferences.length > 0)
    leftOut.push({
      what: 'The chair’s notes of the meetings',
      why: 'Convene does not record which notes were made in a part of a meeting closed to the family; they are read for closed parts before any release.',
    })

  const data: SubjectAccessExport = {
    title: `The data Convene holds about ${fullName(person)}, for a subject access request`,
    producedAt: deps.clock().toISOString(),
    request: {
      id: request.id,
      receivedOn: request.receivedOn,
      requester: request.requesterName,
      onBehalf: RELATIONSHIP_WORDS[request.requesterRelationship],
      identityChecked: request.identityChecked,
    },
    person: personRecord(person),
    case: {
      reference: loaded.case.reference,
      familyName: loaded.case.familyName,
      householdAddress: loaded.case.householdAddress,
      status: loaded.case.status,
    },
    parentalResponsibility: {
      holdsItFor: links
        .filter((link) => link.adultId === person.id)
        .map((link) => nameOf(link.childId))
        .sort(),
      heldBy: links
        .filter((link) => link.childId === person.id)
        .map((link) => nameOf(link.adultId))
        .sort(),
    },
    conferences: exported,
    enquiries: enquiries.map((one) => ({
      receivedAt: one.receivedAt.toISOString(),
      enquirerAgency: one.enquirer.agency,
      enquirerRole: one.enquirer.role,
      answer: one.answer,
    })),
    disclosures: disclosures.map((one) => ({
      decidedAt: one.decidedAt.toISOString(),
      to: `${one.recipientName}, ${one.recipientOrganisation}`,
      what: one.what,
      basis:
        one.basis === 'consent'
          ? `consent of the ${one.consent?.by === 'lead_social_worker' ? 'lead social worker' : 'chair'}`
          : one.basis === 'court_order'
            ? `court order ${one.courtOrder?.reference ?? ''}`.trim()
            : (one.otherBasis ?? 'other'),
    })),
    leftOut,
    procedure: {
      rule: procedure.note.rule,
      status: procedure.note.status,
      says: procedure.note.says,
      source: procedure.note.source,
      subjectAccess: note,
    },
  }
  return { data, withheld }
}

function conferenceWords(conference: ConferenceOfPerson): string {
  return `${KIND_WORDS[conference.kind] ?? 'conference'} of ${dayWords(conference.date)}`
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A preview of a request's export for the person handling it: the request, and what the export holds and leaves out. */
export async function previewSubjectAccess(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<LoadedRequest & { export: SubjectAccessExport; withheld: WithheldPart[] }> {
  const loaded = await loadSubjectAccessRequest(deps, actor, input)
  const built = await buildSubjectAccessExport(deps, loaded)
  return { ...loaded, export: built.data, withheld: built.withheld }
}

const exportInput = z.strictObject({ requestId: recordId, format: z.enum(['json', 'html']) })

export interface SubjectAccessGiven {
  export: SubjectAccessExport
  /** The export as JSON text, exactly as given (and as digested). */
  json: string
  sha256: string
  exportId: string
  person: Person
}

/**
 * Gives the export of a request, as JSON to download or as a page to print, and records it: the
 * export's digest and what was left out, the audit record, and the read of the person's record in
 * the access log, in one transaction.
 */
export async function exportSubjectAccess(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<SubjectAccessGiven> {
  const { requestId, format } = validate(exportInput, input)
  const loaded = await loadSubjectAccessRequest(
    deps,
    actor,
    { requestId },
    'export the data for a subject access request',
  )
  const { data } = await buildSubjectAccessExport(deps, loaded)
  const json = JSON.stringify(data, null, 2)
  const sha256 = createHash('sha256').update(json).digest('hex')
  return inTransaction(deps, async (trx) => {
    const recorded = await insertSubjectAccessExport(trx, {
      requestId,
      format,
      sha256,
      leftOut: data.leftOut.map((one) => ({ what: one.what, why: one.why })),
      exportedBy: actor.userId,
      exportedAt: deps.clock(),
    })
    await audit(trx, actor, {
      action: 'subject_access.exported',
      subject: { type: 'subject_access_request', id: requestId },
      caseId: loaded.person.caseId,
      after: {
        exportId: recorded.id,
        personId: loaded.person.id,
        format,
        sha256,
        leftOut: data.leftOut.length,
      },
    })
    await appendAccess(trx, {
      actor: { userId: actor.userId, label: actorLabel(actor) },
      action: 'subject_access.exported',
      caseId: loaded.person.caseId,
      childId: isChild(loaded.person) ? loaded.person.id : null,
      fromAddress: actor.fromAddress ?? null,
    })
    return { export: data, json, sha256, exportId: recorded.id, person: loaded.person }
  })
}
