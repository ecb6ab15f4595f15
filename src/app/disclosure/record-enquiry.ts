import { appendAccess } from '../../db/access-log.repository.ts'
import { findStaffMember, type StaffMember } from '../../db/case.repository.ts'
import {
  type ChildOnRecord,
  childrenMatching,
  childrenOfOpenCasesAt,
  currentDesignatedManager,
  type Enquiry,
  type EnquiryNotice,
  enquiriesAboutChild,
  finalisedDecisionsOf,
  insertEnquiry,
} from '../../db/enquiry.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { ukDateAndTime } from '../../domain/calendar/clock-time.ts'
import {
  addressKey,
  answerWords,
  type EarlierEnquiry,
  type EnquiryProcedure,
  enquiryOutcome,
  enquiryProcedure,
  nameKey,
  repeatFinding,
  sameChildAsked,
} from '../../domain/disclosure/enquiry-rules.ts'
import { dayWords, type PlanStatus, planStatus } from '../../domain/disclosure/plan-status.ts'
import type { Issue } from '../../domain/issues.ts'
import { type Actor, actorLabel } from '../actor.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  type Trx,
  validate,
} from '../use-case.ts'
import { ENQUIRY_HANDLERS, recordEnquiryInput } from './enquiry-input.ts'
import { enquirerIssues, MATCHES_LIMIT } from './find-enquiry-matches.ts'

/**
 * Records an enquiry about whether a child is known or on a plan, and works out the answer from the
 * records (DIST-ENQUIRIES): the enquirer's check is recorded first; the child is the one chosen from
 * the children matching the description, or none; the answer says whether the child is on a plan,
 * since when and in which category. Then, as the council's procedure says: the key worker of an open
 * case is told (through the outbox), and the key worker of a child on a plan at the same address; a
 * second enquiry about the child is told to the enquirer and raises an alert to the designated
 * manager. Where the procedure is silent, the enquiry and the answer are logged and nothing else
 * happens, and the record says so. All in one transaction with the audit record and the read of the
 * child's record in the access log. A team manager or a conference administrator answers.
 */

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`
const whenWords = (instant: Date) => {
  const { date, time } = ukDateAndTime(instant)
  return `${dayWords(date)} at ${time}`
}
const cite = (procedure: EnquiryProcedure) => procedure.note.source ?? procedure.note.rule

export async function recordEnquiry(deps: AppDeps, actor: Actor, input: unknown): Promise<Enquiry> {
  requireRole(actor, ENQUIRY_HANDLERS, 'answer an enquiry about a child')
  const value = validate(recordEnquiryInput, input)
  const procedure = enquiryProcedure(councilProfile(deps))
  const asked = {
    firstName: value.childFirstName,
    lastName: value.childLastName,
    dateOfBirth: value.childDateOfBirth ?? null,
    address: value.childAddress ?? null,
  }
  const issues: Issue[] = [...enquirerIssues(procedure, value)]
  let child: ChildOnRecord | undefined
  if (value.match !== 'none') {
    const matches = await childrenMatching(deps.db, asked, MATCHES_LIMIT + 1)
    child = matches.find((match) => match.personId === value.match)
    if (!child)
      issues.push({ field: 'match', message: 'is not one of the children who match the description given' })
  }
  if (value.match === 'none' && procedure.recordAdviceIfNotKnown && value.advice === undefined)
    issues.push({
      field: 'advice',
      message: `write the advice given to the enquirer: the procedure asks that it be recorded for a child not known (${cite(procedure)})`,
    })
  refuseIf(issues)

  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const plan = child ? await planOf(trx, child) : null
    const outcome = enquiryOutcome(child && plan ? { caseOpen: child.caseOpen, plan } : null)
    const keyWorker = child?.socialWorkerId ? await findStaffMember(trx, child.socialWorkerId) : undefined
    const childKey = nameKey(asked.firstName, asked.lastName)
    const earlier = (await enquiriesAboutChild(trx, { personId: child?.personId ?? null, childKey })).filter(
      (one) => (child !== undefined && one.personId === child.personId) || sameChildAsked(one.child, asked),
    )
    const repeat = repeatFinding(
      procedure,
      outcome,
      earlier.map(
        (one): EarlierEnquiry => ({ id: one.id, receivedAt: one.receivedAt, agency: one.enquirer.agency }),
      ),
      now,
    )
    const answer = answerWords({
      procedure,
      outcome,
      plan,
      keyWorkerName: keyWorker?.name ?? null,
      tellOfEarlier: repeat.tellEnquirer ? repeat.counted : [],
    })
    const notes = [...procedure.silences]
    const told: EnquiryNotice[] = []
    const about = { who: value, asked, answer, when: whenWords(now), procedure }

    if (procedure.tellKeyWorker && child && (outcome === 'on_plan' || outcome === 'open_case')) {
      if (keyWorker?.active) {
        const message = await enqueueMessage(trx, keyWorkerMessage(about, child, keyWorker))
        told.push({ userId: keyWorker.id, name: keyWorker.name, why: 'key_worker', messageId: message.id })
      } else notes.push('No key worker is allocated to the child’s case, so no key worker was told.')
    }

    if (procedure.tellKeyWorkerAtSameAddress && asked.address !== null)
      for (const { onPlan, worker } of await keyWorkersAtAddress(trx, asked.address, child)) {
        if (told.some((one) => one.userId === worker.id)) continue
        const message = await enqueueMessage(trx, sameAddressMessage(about, onPlan, worker))
        told.push({
          userId: worker.id,
          name: worker.name,
          why: 'key_worker_at_address',
          messageId: message.id,
        })
      }

    if (repeat.alert) {
      const manager = await currentDesignatedManager(trx)
      if (manager?.active) {
        const message = await enqueueMessage(trx, repeatMessage(about, repeat.counted, manager, child))
        told.push({
          userId: manager.userId,
          name: manager.name,
          why: 'designated_manager',
          messageId: message.id,
        })
      } else
        notes.push(
          'No designated manager is named, so the alert about this second enquiry reached nobody: a system administrator names one on the designated manager page.',
        )
    }

    const enquiry = await insertEnquiry(trx, {
      receivedAt: now,
      enquirer: {
        name: value.enquirerName,
        agency: value.enquirerAgency,
        role: value.enquirerRole,
        contact: value.enquirerContact ?? null,
        verifiedHow: value.verifiedHow,
        verificationNote: value.verificationNote ?? null,
      },
      reason: value.reason,
      child: asked,
      childKey,
      personId: child?.personId ?? null,
      caseId: child?.caseId ?? null,
      outcome,
      answer,
      advice: value.advice ?? null,
      earlierEnquiryIds: earlier.map((one) => one.id),
      alertRaised: repeat.alert,
      told,
      notes,
      procedure: {
        rule: procedure.note.rule,
        status: procedure.note.status,
        says: procedure.note.says,
        source: procedure.note.source,
      },
      answeredBy: actor.userId,
    })
    await audit(trx, actor, {
      action: 'enquiry.answered',
      subject: { type: 'enquiry', id: enquiry.id },
      caseId: enquiry.caseId,
      after: {
        enquirer: `${value.enquirerName}, ${value.enquirerRole}, ${value.enquirerAgency}`,
        verifiedHow: value.verifiedHow,
        personId: enquiry.personId,
        outcome,
        answer,
        earlierEnquiries: enquiry.earlierEnquiryIds.length,
        alertRaised: repeat.alert,
        told: told.map((one) => ({ userId: one.userId, why: one.why })),
      },
    })
    if (child)
      await appendAccess(trx, {
        actor: { userId: actor.userId, label: actorLabel(actor) },
        action: 'enquiry.answered',
        caseId: child.caseId,
        childId: child.personId,
        fromAddress: actor.fromAddress ?? null,
      })
    return enquiry
  })
}

async function planOf(trx: Trx, child: ChildOnRecord): Promise<PlanStatus> {
  const decisions = await finalisedDecisionsOf(trx, [child.personId])
  return planStatus(decisions.get(child.personId) ?? [], child.caseOpen)
}

/** The key workers of children on a plan who live at the address, other than the child asked about. */
async function keyWorkersAtAddress(
  trx: Trx,
  address: string,
  asked: ChildOnRecord | undefined,
): Promise<{ onPlan: ChildOnRecord; worker: StaffMember }[]> {
  const living = (await childrenOfOpenCasesAt(trx, addressKey(address))).filter(
    (one) => one.personId !== asked?.personId,
  )
  const decisions = await finalisedDecisionsOf(
    trx,
    living.map((one) => one.personId),
  )
  const found: { onPlan: ChildOnRecord; worker: StaffMember }[] = []
  for (const one of living) {
    if (!planStatus(decisions.get(one.personId) ?? [], one.caseOpen).onPlan || !one.socialWorkerId) continue
    const worker = await findStaffMember(trx, one.socialWorkerId)
    if (worker?.active && !found.some((f) => f.worker.id === worker.id)) found.push({ onPlan: one, worker })
  }
  return found
}

interface About {
  who: { enquirerName: string; enquirerRole: string; enquirerAgency: string; reason: string }
  asked: { firstName: string; lastName: string; address: string | null }
  answer: string
  when: string
  procedure: EnquiryProcedure
}

const enquirerLines = (about: About) => [
  `Who asked: ${about.who.enquirerName}, ${about.who.enquirerRole}, ${about.who.enquirerAgency}.`,
  `Why: ${about.who.reason}`,
  `The answer given: ${about.answer}`,
]

function keyWorkerMessage(about: About, child: ChildOnRecord, worker: StaffMember) {
  return {
    kind: 'enquiry_key_worker',
    to: { address: worker.email, name: worker.name },
    subject: `An enquiry about ${fullName(child)} (${child.caseReference})`,
    bodyText: [
      `An enquiry was made on ${about.when} about ${fullName(child)}, whose key worker you are.`,
      ...enquirerLines(about),
      `The procedure asks that the key worker be told so that they can follow it up (${cite(about.procedure)}).`,
    ].join('\n\n'),
    caseId: child.caseId,
  }
}

function sameAddressMessage(about: About, onPlan: ChildOnRecord, worker: StaffMember) {
  return {
    kind: 'enquiry_same_address',
    to: { address: worker.email, name: worker.name },
    subject: `An enquiry about a child at the address of ${fullName(onPlan)} (${onPlan.caseReference})`,
    bodyText: [
      `An enquiry was made on ${about.when} about ${fullName(about.asked)}, said to live at ${about.asked.address}: the address of ${fullName(onPlan)}, who is on a child protection plan and whose key worker you are.`,
      ...enquirerLines(about),
      `The procedure asks that this be sent to the key worker of the child on the plan (${cite(about.procedure)}).`,
    ].join('\n\n'),
    caseId: onPlan.caseId,
  }
}

function repeatMessage(
  about: About,
  earlier: readonly EarlierEnquiry[],
  manager: { email: string; name: string },
  child: ChildOnRecord | undefined,
) {
  return {
    kind: 'enquiry_repeated',
    to: { address: manager.email, name: manager.name },
    subject: `A second enquiry about ${fullName(about.asked)}`,
    bodyText: [
      `A second enquiry about ${fullName(about.asked)} was made on ${about.when}.`,
      ...enquirerLines(about),
      `Earlier enquiries: ${earlier.map((one) => `${whenWords(one.receivedAt)} (${one.agency})`).join('; ')}.`,
      `You are told as the designated manager. The council’s procedure says: ${about.procedure.note.says} (${cite(about.procedure)}).`,
    ].join('\n\n'),
    caseId: child?.caseId ?? null,
  }
}
