import type { DecisionRules } from '../../../app/meeting/meeting-record.ts'
import type { DecisionRecord } from '../../../app/meeting/record-decision.ts'
import type { Attendee } from '../../../db/meeting.repository.ts'
import {
  dateOf,
  dateParts,
  type FieldPlaces,
  type FormValues,
  formRowField,
  given,
  many,
  one,
  rowNumber,
  rowsUsed,
  rowTyped,
  ticked,
  yesNo,
} from './form-body.ts'

/**
 * The decision form for one child, both ways: what was typed into the use-case's input (rows left
 * blank are not sent; the parts of the decision that belong to the other outcome are not sent), the
 * recorded decision back into the form's fields, and each refusal back to the input it is about.
 */

/** The repeated rows of the form, each a list of the use-case's input. */
export const DECISION_LISTS = ['professionalViews', 'dissent', 'outlinePlan.actions', 'coreGroup'] as const
type DecisionList = (typeof DECISION_LISTS)[number]

/** The form's prefix for a list's rows: `outlinePlan.actions` rows are `outlinePlan-actions-<n>-...`. */
export const rowPrefix = (list: DecisionList): string => list.replace('.', '-')

const VIEW_FIELDS = ['view', 'category', 'reasons'] as const
const DISSENT_FIELDS = ['name', 'agency', 'reasons'] as const
const ACTION_FIELDS = ['action', 'owner', 'dueOn-day', 'dueOn-month', 'dueOn-year'] as const
const MEMBER_FIELDS = ['name', 'agency', 'role'] as const

export interface DecisionFormInput {
  /** The decision's fields, as the use-case takes them (without the conference and the child). */
  body: Record<string, unknown>
  /** For each list, the form row each item sent came from. */
  rowsSent: Record<string, number[]>
}

/** The rows of a list that have something typed in them, by `typed`. */
function rowsOf(values: FormValues, list: DecisionList, typed: (prefix: string) => boolean): number[] {
  const rows: number[] = []
  const count = rowsUsed(values, rowPrefix(list))
  for (let row = 0; row < count; row++) if (typed(`${rowPrefix(list)}-${row}`)) rows.push(row)
  return rows
}

export function readDecisionForm(values: FormValues, rules: DecisionRules): DecisionFormInput {
  const met = yesNo(values, 'threshold-met')
  const plan = met === true
  const views = rowsOf(
    values,
    'professionalViews',
    (prefix) =>
      rowTyped(values, prefix, VIEW_FIELDS) ||
      (one(values, `${prefix}-from`) !== 'attendance' && rowTyped(values, prefix, ['name'])),
  )
  const dissent = rowsOf(values, 'dissent', (prefix) => rowTyped(values, prefix, DISSENT_FIELDS))
  const actions = plan
    ? rowsOf(values, 'outlinePlan.actions', (prefix) => rowTyped(values, prefix, ACTION_FIELDS))
    : []
  const members = plan ? rowsOf(values, 'coreGroup', (prefix) => rowTyped(values, prefix, MEMBER_FIELDS)) : []
  const categories = plan ? many(values, 'categories') : []

  const body: Record<string, unknown> = {
    threshold: { met, ...(plan ? { limb: given(values, 'threshold-limb') } : {}) },
    professionalViews: views.map((row) => {
      const at = `professionalViews-${row}`
      const view = given(values, `${at}-view`)
      return {
        name: one(values, `${at}-name`),
        agency: given(values, `${at}-agency`),
        view,
        ...(view === 'no_plan' ? {} : { category: given(values, `${at}-category`) }),
        reasons: one(values, `${at}-reasons`),
      }
    }),
    chairReasons: one(values, 'chairReasons'),
    categories,
    ...(categories.length > 1 ? { categoryReason: one(values, 'categoryReason') } : {}),
    dissent: dissent.map((row) => ({
      name: one(values, `dissent-${row}-name`),
      agency: given(values, `dissent-${row}-agency`),
      reasons: one(values, `dissent-${row}-reasons`),
    })),
    parents: {
      views: one(values, 'parents-views'),
      disagree: ticked(values, 'parents-disagree'),
      toldHowToChallenge: ticked(values, 'parents-toldHowToChallenge'),
    },
  }
  if (met === false)
    body.noPlan = {
      childInNeedPlan: yesNo(values, 'noPlan-childInNeedPlan'),
      recommendations: one(values, 'noPlan-recommendations'),
    }
  if (plan) {
    const sections: Record<string, string> = {}
    for (const section of rules.outlinePlan.sections) {
      const text = given(values, `outlinePlan-sections-${section.id}`)
      if (text !== undefined) sections[section.id] = text
    }
    body.outlinePlan = {
      sections,
      actions: actions.map((row) => ({
        action: one(values, `outlinePlan-actions-${row}-action`),
        owner: one(values, `outlinePlan-actions-${row}-owner`),
        dueOn: dateOf(values, `outlinePlan-actions-${row}-dueOn`),
      })),
    }
    body.leadSocialWorkerId = given(values, 'leadSocialWorkerId')
    body.coreGroup = members.map((row) => ({
      name: one(values, `coreGroup-${row}-name`),
      agency: given(values, `coreGroup-${row}-agency`),
      role: one(values, `coreGroup-${row}-role`),
    }))
    for (const name of ['firstCoreGroup', 'firstReview'] as const) {
      const date = dateOf(values, `${name}-date`)
      if (date !== undefined) body[name] = { date, laterReason: one(values, `${name}-laterReason`) }
    }
  }
  return {
    body,
    rowsSent: {
      professionalViews: views,
      dissent,
      'outlinePlan.actions': actions,
      coreGroup: members,
    },
  }
}

/** A recorded decision as the form's fields, to change it or correct it. */
export function decisionFormValues(decision: DecisionRecord): FormValues {
  const values: FormValues = {
    'threshold-met': decision.thresholdMet ? 'yes' : 'no',
    'threshold-limb': decision.thresholdLimb ?? '',
    chairReasons: decision.chairReasons ?? '',
    categories: decision.categories,
    categoryReason: decision.categoryReason ?? '',
    'parents-views': decision.parents.views ?? '',
    'parents-disagree': decision.parents.disagree ? 'yes' : '',
    'parents-toldHowToChallenge': decision.parents.toldHowToChallenge ? 'yes' : '',
    leadSocialWorkerId: decision.leadSocialWorker?.id ?? '',
  }
  if (!decision.plan) {
    values['noPlan-childInNeedPlan'] = decision.childInNeedPlan ? 'yes' : 'no'
    values['noPlan-recommendations'] = decision.recommendations ?? ''
  }
  decision.professionalViews.forEach((view, row) => {
    const at = `professionalViews-${row}`
    values[`${at}-name`] = view.name
    values[`${at}-agency`] = view.agency
    values[`${at}-view`] = view.view
    values[`${at}-category`] = view.category ?? ''
    values[`${at}-reasons`] = view.reasons ?? ''
  })
  decision.dissent.forEach((dissent, row) => {
    values[`dissent-${row}-name`] = dissent.name
    values[`dissent-${row}-agency`] = dissent.agency
    values[`dissent-${row}-reasons`] = dissent.reasons ?? ''
  })
  for (const [id, text] of Object.entries(decision.outlinePlan.sections))
    values[`outlinePlan-sections-${id}`] = text
  decision.outlinePlan.actions.forEach((action, row) => {
    const at = `outlinePlan-actions-${row}`
    values[`${at}-action`] = action.action
    values[`${at}-owner`] = action.owner
    Object.assign(values, dateParts(`${at}-dueOn`, action.dueOn))
  })
  decision.coreGroup.forEach((member, row) => {
    values[`coreGroup-${row}-name`] = member.name
    values[`coreGroup-${row}-agency`] = member.agency ?? ''
    values[`coreGroup-${row}-role`] = member.role ?? ''
  })
  for (const name of ['firstCoreGroup', 'firstReview'] as const) {
    const chosen = decision[name]
    if (!chosen) continue
    Object.assign(values, dateParts(`${name}-date`, chosen.date))
    values[`${name}-laterReason`] = chosen.laterReason ?? ''
  }
  return values
}

/** The professionals at the meeting as rows for their views, before anything is recorded. */
export function attendanceViewRows(attendance: readonly Attendee[]): FormValues {
  const values: FormValues = {}
  attendance
    .filter((attendee) => attendee.role === 'professional')
    .forEach((attendee, row) => {
      values[`professionalViews-${row}-name`] = attendee.name
      values[`professionalViews-${row}-agency`] = attendee.agency ?? ''
      values[`professionalViews-${row}-from`] = 'attendance'
    })
  return values
}

/** How many rows of each list the form shows: those used, and some blank ones to add more. */
export function decisionRows(values: FormValues): Record<string, number[]> {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i)
  return {
    professionalViews: range(rowsUsed(values, 'professionalViews') + 2),
    dissent: range(Math.max(rowsUsed(values, 'dissent') + 1, 2)),
    actions: range(Math.max(rowsUsed(values, 'outlinePlan-actions') + 2, 3)),
    coreGroup: range(Math.max(rowsUsed(values, 'coreGroup') + 2, 4)),
  }
}

const DATE_FIELD = /(\.dueOn|^firstCoreGroup\.date|^firstReview\.date)$/

/** Where a refusal of the decision belongs on the form, and its name in words. */
export function decisionPlaces(
  rowsSent: Record<string, readonly number[]>,
  rules: DecisionRules,
  childName: string,
): FieldPlaces {
  const formField = (field: string) => formRowField(field, rowsSent)
  const whole: Record<string, string> = {
    threshold: 'threshold-met',
    'threshold.met': 'threshold-met',
    noPlan: 'noPlan-childInNeedPlan',
    parents: 'parents-views',
    outlinePlan: 'outlinePlan-actions',
    'outlinePlan.sections': 'outlinePlan-actions',
    firstCoreGroup: 'firstCoreGroup-date-day',
    firstReview: 'firstReview-date-day',
    dissent: 'dissent-0-name',
    coreGroup: 'coreGroup-0-name',
  }
  return {
    anchor: (field) => {
      if (whole[field]) return whole[field]
      // A category ticked is one of the checkboxes, whose first carries the name as its id.
      if (/^categories\[\d+\]$/.test(field)) return 'categories'
      const inForm = formField(field)
      const anchor = inForm.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')
      return DATE_FIELD.test(field) ? `${anchor}-day` : anchor
    },
    label: (field) => {
      const row = rowNumber(formField(field))
      const section = /^outlinePlan\.sections\.(.+)$/.exec(field)?.[1]
      if (section !== undefined)
        return (
          rules.outlinePlan.sections.find((candidate) => candidate.id === section)?.text ??
          'The outline plan section'
        )
      const labels: [RegExp, string][] = [
        [/^childId$/, childName],
        [/^threshold(\.met)?$/, 'Whether the threshold is met'],
        [/^threshold\.limb$/, 'Which limb of the test is met'],
        [/^professionalViews$/, 'The professionals’ views'],
        [/^professionalViews\[\d+\]\.name$/, `View ${row}: the name`],
        [/^professionalViews\[\d+\]\.agency$/, `View ${row}: the agency`],
        [/^professionalViews\[\d+\]\.view$/, `View ${row}: whether the child needs a plan`],
        [/^professionalViews\[\d+\]\.category$/, `View ${row}: the category`],
        [/^professionalViews\[\d+\]/, `View ${row}`],
        [/^chairReasons$/, 'The chair’s reasons'],
        [/^categories(\[\d+\])?$/, 'The category'],
        [/^categoryReason$/, 'Why more than one category'],
        [/^dissent\[\d+\]\.name$/, `Dissent ${row}: the name`],
        [/^dissent\[\d+\]\.agency$/, `Dissent ${row}: the agency`],
        [/^dissent\[\d+\]\.reasons$/, `Dissent ${row}: the reasons`],
        [/^dissent/, 'Dissent'],
        [/^parents\.views$/, 'The parents’ views'],
        [/^parents\.toldHowToChallenge$/, 'Told how to challenge'],
        [/^parents/, 'The parents'],
        [/^noPlan\.childInNeedPlan$/, 'Whether there is a child in need plan'],
        [/^noPlan\.recommendations$/, 'The help recommended'],
        [/^noPlan$/, 'The outcome without a plan'],
        [/^outlinePlan\.actions\[\d+\]\.action$/, `Action ${row}: what will be done`],
        [/^outlinePlan\.actions\[\d+\]\.owner$/, `Action ${row}: who will do it`],
        [/^outlinePlan\.actions\[\d+\]\.dueOn$/, `Action ${row}: the date`],
        [/^outlinePlan/, 'The outline plan'],
        [/^leadSocialWorkerId$/, 'The lead social worker'],
        [/^coreGroup\[\d+\]\.name$/, `Core group member ${row}: the name`],
        [/^coreGroup\[\d+\]\.agency$/, `Core group member ${row}: the agency`],
        [/^coreGroup/, 'The core group'],
        [/^firstCoreGroup\.date$/, 'The date of the first core group'],
        [/^firstCoreGroup\.laterReason$/, 'Why the first core group is later'],
        [/^firstCoreGroup$/, 'The first core group'],
        [/^firstReview\.date$/, 'The date of the first review'],
        [/^firstReview\.laterReason$/, 'Why the first review is later'],
        [/^firstReview$/, 'The first review'],
        [/^correctionReason$/, 'Why the decision is corrected'],
      ]
      return labels.find(([pattern]) => pattern.test(field))?.[1]
    },
  }
}
