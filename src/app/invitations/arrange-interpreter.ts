import { z } from 'zod'
import type { Person } from '../../db/case.repository.ts'
import { type InterpreterArrangement, insertInterpreter } from '../../db/invitation.repository.ts'
import { interpreterCheck } from '../../domain/conference/attendance-rules.ts'
import type { ProcedureNote } from '../../domain/conference/convening.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalRecordId, optionalText, recordId, requiredText } from '../cases/input-fields.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { fullName, loadConference, requireOpen } from './conference-context.ts'

const inputSchema = z.strictObject({
  conferenceId: recordId,
  /** The person the interpreter is for: a parent, carer or child of the case. */
  forPersonId: recordId,
  language: requiredText(100),
  interpreter: z.strictObject({
    name: requiredText(200),
    /** The interpreting service or agency. */
    agency: optionalText(200),
    /** Where the interpreter is a person of the case. */
    personId: optionalRecordId,
  }),
})

export type ArrangeInterpreterInput = z.input<typeof inputSchema>

export interface ArrangeInterpreterResult {
  interpreter: InterpreterArrangement
  /** P-INTERPRETER as the procedure words it; "silent" in Wakefield and Staffordshire. */
  note: ProcedureNote
  /** A member of the family interprets: recorded because the procedure is silent, and said so. */
  familyMemberRecordedWhereSilent: boolean
  warning: string | null
}

const normalName = (name: string): string => name.toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * Arranges an interpreter for a person at a conference. Refuses a member of the family (anyone who
 * is a person of the case, named by id or by name) where the procedure says a family member may not
 * interpret (P-INTERPRETER: Kent, London, York). Where the procedure is silent (Wakefield,
 * Staffordshire) the arrangement is recorded, with the silence and a warning shown.
 */
export async function arrangeInterpreter(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ArrangeInterpreterResult> {
  requireRole(actor, ['conference_administrator', 'social_worker'], 'arrange an interpreter')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['conference_administrator', 'social_worker'],
    'arrange an interpreter',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    requireOpen(context.conference, 'arrange an interpreter for it')
    const issues: Issue[] = []
    const forPerson = context.people.get(value.forPersonId)
    if (!forPerson)
      issues.push({ field: 'forPersonId', message: 'is not a person in this conference’s case' })

    let familyMember: Person | undefined
    if (value.interpreter.personId !== undefined) {
      familyMember = context.people.get(value.interpreter.personId)
      if (!familyMember)
        issues.push({ field: 'interpreter.personId', message: 'is not a person in this conference’s case' })
    } else {
      const wanted = normalName(value.interpreter.name)
      familyMember = [...context.people.values()].find((person) => normalName(fullName(person)) === wanted)
    }
    const check = interpreterCheck(
      profile,
      { isFamilyMember: familyMember !== undefined, name: value.interpreter.name },
      value.interpreter.personId !== undefined ? 'interpreter.personId' : 'interpreter.name',
    )
    issues.push(...check.issues)
    refuseIf(issues)

    const interpreter = await insertInterpreter(trx, {
      conferenceId: context.conference.id,
      forPersonId: value.forPersonId,
      language: value.language,
      interpreterName: value.interpreter.name,
      agency: value.interpreter.agency ?? null,
      interpreterPersonId: familyMember?.id ?? null,
    })
    await audit(trx, actor, {
      action: 'interpreter.arranged',
      subject: { type: 'interpreter', id: interpreter.id },
      caseId: context.case.id,
      after: {
        conferenceId: interpreter.conferenceId,
        forPersonId: interpreter.forPersonId,
        language: interpreter.language,
        interpreterName: interpreter.interpreterName,
        agency: interpreter.agency,
        interpreterPersonId: interpreter.interpreterPersonId,
        familyMemberRecordedWhereSilent: check.familyMemberRecordedWhereSilent,
      },
    })
    return {
      interpreter,
      note: check.note,
      familyMemberRecordedWhereSilent: check.familyMemberRecordedWhereSilent,
      warning: check.familyMemberRecordedWhereSilent
        ? `${value.interpreter.name} is a member of the family. The procedure is silent on who may interpret (P-INTERPRETER), so this is recorded as arranged.`
        : null,
    }
  })
}
