import { formatLongDate, toDayNumber } from '../../../domain/calendar/iso-date.ts'
import { CONFERENCE_KINDS, type ConferenceKind } from '../../../domain/deadlines/facts.ts'
import type { Issue } from '../../../domain/issues.ts'
import {
  type FormError,
  type FormValues,
  type Query,
  readChoice,
  readDate,
  readTick,
  readTime,
  text,
} from './form-fields.ts'

/**
 * The deadline calculator's form: what an administrator or chair types (dates as day, month and
 * year), turned into the facts of the deadlines contract. A GET form: the query string is the whole
 * state, so a result can be shared as a link, and nothing is stored.
 */

export const STRATEGY_ROWS = 3
export const CONFERENCE_ROWS = 2
export const CHILD_ROWS = 3
export const CORE_GROUP_ROWS = 2

export const CONFERENCE_KIND_LABELS: Record<ConferenceKind, string> = {
  initial: 'Initial child protection conference',
  review: 'Review conference',
  pre_birth: 'Pre-birth conference',
  transfer_in: 'Transfer-in conference',
}

/** One answer to "was it quorate": the contract's `quorate` and `proceeded` together. */
export const QUORUM_CHOICES = ['quorate', 'proceeded', 'not_held'] as const
export const PLAN_CHOICES = ['yes', 'no'] as const
export const NOTES_BY_CHOICES = ['social_worker', 'other'] as const
export const CIN_FROM_CHOICES = ['icpc', 'review'] as const

/** The contract's facts, as the calculator builds them. */
export interface CalculatorFacts {
  profile: string
  events: Record<string, unknown>[]
  children: { id: string; dob?: string; edd?: string }[]
}

/** Where each contract field of an event came from, so the engine's messages can point at an input. */
interface EventSource {
  /** The input the event's own problems link to. */
  href: string
  label: string
  fields: Record<string, string>
}

export interface CalculatorForm {
  /** Whether the form was sent (any of its fields is in the query), rather than opened. */
  submitted: boolean
  procedure: string
  values: FormValues
  errors: FormError[]
  /** The facts, when the form has no errors. */
  facts?: CalculatorFacts
  /** What was entered, in words, to show above the answer. */
  entered: { key: string; value: string }[]
  eventSources: EventSource[]
  childSources: EventSource[]
}

const dayHref = (name: string) => `#${name}-day`

function inWords(iso: string): string {
  return formatLongDate(toDayNumber(iso))
}

/** Reads the calculator's query string. `procedures` are the ids loaded; `fallback` the council's own. */
export function readCalculatorForm(
  query: Query,
  procedures: readonly string[],
  fallback: string,
): CalculatorForm {
  const values: FormValues = {}
  const errors: FormError[] = []
  const events: Record<string, unknown>[] = []
  const eventSources: EventSource[] = []
  const childSources: EventSource[] = []
  const entered: { key: string; value: string }[] = []
  const submitted = Object.keys(query).some((key) => key !== 'procedure')
  let anyDate = false

  const procedureChoice = readChoice(query, 'procedure', procedures, values)
  if (procedureChoice.invalid)
    errors.push({ name: 'procedure', href: '#procedure', message: 'Select a procedure from the list' })
  const procedure = procedureChoice.value ?? fallback
  values.procedure = procedure

  const date = (name: string, label: string) => {
    const reading = readDate(query, name, label, values)
    if (reading.error) errors.push(reading.error)
    if (reading.given) anyDate = true
    return reading
  }
  const need = (name: string, message: string) => errors.push({ name, href: dayHref(name), message })
  const addEvent = (event: Record<string, unknown>, source: EventSource, summary: string) => {
    events.push(event)
    eventSources.push(source)
    entered.push({ key: source.label, value: summary })
  }
  const simpleEvent = (type: string, name: string, label: string, errorLabel: string, field = 'date') => {
    const reading = date(name, errorLabel)
    if (reading.value)
      addEvent(
        { type, [field]: reading.value },
        { href: dayHref(name), label, fields: { [field]: dayHref(name) } },
        inWords(reading.value),
      )
  }

  // Strategy discussions.
  for (let n = 1; n <= STRATEGY_ROWS; n += 1) {
    const name = `sd${n}`
    const label = `Strategy discussion ${n}`
    const reading = date(`${name}-date`, `The date of strategy discussion ${n}`)
    const s47 = readTick(query, `${name}-s47`, values)
    if (s47 && !reading.given)
      need(
        `${name}-date`,
        `Enter the date of strategy discussion ${n}, or untick “started the section 47 enquiry”`,
      )
    if (reading.value)
      addEvent(
        { type: 'strategy_discussion', date: reading.value, initiated_s47: s47 },
        {
          href: dayHref(`${name}-date`),
          label,
          fields: { date: dayHref(`${name}-date`), initiated_s47: `#${name}-s47` },
        },
        `${inWords(reading.value)}${s47 ? ', started the section 47 enquiry' : ''}`,
      )
  }

  // The section 47 enquiry and court orders.
  simpleEvent(
    's47_start',
    's47-start',
    'Section 47 enquiry started',
    'The date the section 47 enquiry started',
  )
  const epoMade = date('epo-made', 'The date the emergency protection order was made')
  const epoExpires = date('epo-expires', 'The date the emergency protection order expires')
  if (epoExpires.given && !epoMade.given)
    need('epo-made', 'Enter the date the emergency protection order was made')
  if (epoMade.value && epoExpires.value && epoExpires.value < epoMade.value)
    errors.push({
      name: 'epo-expires',
      href: dayHref('epo-expires'),
      message: 'The date the emergency protection order expires must be on or after the date it was made',
      parts: ['day', 'month', 'year'],
    })
  if (epoMade.value)
    addEvent(
      { type: 'epo', made: epoMade.value, ...(epoExpires.value ? { expires: epoExpires.value } : {}) },
      {
        href: dayHref('epo-made'),
        label: 'Emergency protection order',
        fields: { made: dayHref('epo-made'), expires: dayHref('epo-expires') },
      },
      `made ${inWords(epoMade.value)}${epoExpires.value ? `, expires ${inWords(epoExpires.value)}` : ''}`,
    )
  simpleEvent(
    'cao',
    'cao-concluded',
    'Child assessment order concluded',
    'The date the child assessment order concluded',
    'concluded',
  )

  // Moves into the area.
  simpleEvent(
    'transfer_notification',
    'transfer-notified',
    'Another authority told us the child moved here',
    'The date another authority told us the child moved here',
  )
  simpleEvent(
    'child_moved',
    'child-moved',
    'Child moved into the area permanently',
    'The date the child moved into the area',
  )

  // Conferences.
  for (let n = 1; n <= CONFERENCE_ROWS; n += 1) {
    const name = `conf${n}`
    const label = `Conference ${n}`
    const kind = readChoice(query, `${name}-kind`, CONFERENCE_KINDS, values)
    const held = readDate(query, `${name}-date`, `The date of conference ${n}`, values)
    if (held.given) anyDate = true
    const start = readTime(query, `${name}-start`, `The start time of conference ${n}`, values)
    const end = readTime(query, `${name}-end`, `The end time of conference ${n}`, values)
    const quorum = readChoice(query, `${name}-quorum`, QUORUM_CHOICES, values)
    const plan = readChoice(query, `${name}-plan`, PLAN_CHOICES, values)
    const extension = readTick(query, `${name}-extension`, values)
    const anything = kind.given || start.given || end.given || quorum.given || plan.given || extension
    // In the order of the inputs on the page: kind, date, start time, end time.
    if (held.given && !kind.value)
      errors.push({
        name: `${name}-kind`,
        href: `#${name}-kind`,
        message: `Select the kind of conference ${n}`,
      })
    if (held.error) errors.push(held.error)
    if (anything && !held.given) need(`${name}-date`, `Enter the date of conference ${n}`)
    if (start.error) errors.push(start.error)
    if (end.value && !start.given)
      errors.push({
        name: `${name}-start`,
        href: `#${name}-start`,
        message: `Enter the start time of conference ${n}, or leave the end time empty`,
      })
    if (end.error) errors.push(end.error)
    if (start.value && end.value && end.value <= start.value)
      errors.push({
        name: `${name}-end`,
        href: `#${name}-end`,
        message: `The end time of conference ${n} must be after its start time (${start.value})`,
      })
    if (held.value && kind.value) {
      const event: Record<string, unknown> = { type: 'conference', kind: kind.value, date: held.value }
      if (start.value) event.start = start.value
      if (end.value) event.end = end.value
      if (quorum.value) {
        event.quorate = quorum.value === 'quorate'
        event.proceeded = quorum.value === 'proceeded'
      }
      if (plan.value) event.plan = plan.value === 'yes'
      if (extension) event.extension_authorised = true
      const times = start.value ? `, ${start.value}${end.value ? ` to ${end.value}` : ''}` : ''
      const notes = [
        quorum.value === 'proceeded' ? 'not quorate, went ahead' : '',
        quorum.value === 'not_held' ? 'not quorate, did not go ahead' : '',
        plan.value === 'no' ? 'no plan made' : '',
        extension ? 'extension authorised' : '',
      ].filter(Boolean)
      addEvent(
        event,
        {
          href: dayHref(`${name}-date`),
          label,
          fields: {
            kind: `#${name}-kind`,
            date: dayHref(`${name}-date`),
            start: `#${name}-start`,
            end: `#${name}-end`,
            quorate: `#${name}-quorum`,
            proceeded: `#${name}-quorum`,
            plan: `#${name}-plan`,
            extension_authorised: `#${name}-extension`,
          },
        },
        `${CONFERENCE_KIND_LABELS[kind.value]}, ${inWords(held.value)}${times}${notes.length ? ` (${notes.join('; ')})` : ''}`,
      )
    }
  }

  // Children.
  const children: CalculatorFacts['children'] = []
  const childIds = new Map<number, string>()
  const labelsSeen = new Map<string, number>()
  for (let n = 1; n <= CHILD_ROWS; n += 1) {
    const name = `child${n}`
    const label = text(query, `${name}-name`).slice(0, 64)
    values[`${name}-name`] = label
    const dob = date(`${name}-dob`, `The date of birth of child ${n}`)
    const edd = date(`${name}-edd`, `The expected date of delivery of child ${n}`)
    if (label !== '' && !dob.given && !edd.given)
      need(`${name}-dob`, `Enter the date of birth or the expected date of delivery of child ${n}`)
    if (!dob.value && !edd.value) continue
    const id = label === '' ? `Child ${n}` : label
    const earlier = labelsSeen.get(id.toLowerCase())
    if (earlier !== undefined) {
      errors.push({
        name: `${name}-name`,
        href: `#${name}-name`,
        message: `Give child ${n} a different name or label from child ${earlier}`,
      })
      continue
    }
    labelsSeen.set(id.toLowerCase(), n)
    childIds.set(n, id)
    children.push({ id, ...(dob.value ? { dob: dob.value } : {}), ...(edd.value ? { edd: edd.value } : {}) })
    childSources.push({
      href: `#${name}-name`,
      label: `Child ${n}`,
      fields: { id: `#${name}-name`, dob: dayHref(`${name}-dob`), edd: dayHref(`${name}-edd`) },
    })
    entered.push({
      key: `Child ${n}`,
      value: [
        label === '' ? '' : label,
        dob.value ? `born ${inWords(dob.value)}` : '',
        edd.value ? `expected ${inWords(edd.value)}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    })
  }

  // A birth.
  const birth = date('birth-date', 'The date of the birth')
  const bornChild = readChoice(
    query,
    'birth-child',
    Array.from({ length: CHILD_ROWS }, (_, i) => String(i + 1)),
    values,
  )
  if (bornChild.given && !birth.given) need('birth-date', 'Enter the date of the birth')
  if (bornChild.value && !childIds.has(Number(bornChild.value)))
    errors.push({
      name: 'birth-child',
      href: '#birth-child',
      message: `Enter the expected date of delivery of child ${bornChild.value} above, or choose another child`,
    })
  if (birth.value) {
    const child = bornChild.value ? childIds.get(Number(bornChild.value)) : undefined
    addEvent(
      { type: 'birth', date: birth.value, ...(child !== undefined ? { child } : {}) },
      {
        href: dayHref('birth-date'),
        label: 'Birth',
        fields: { date: dayHref('birth-date'), child: '#birth-child' },
      },
      `${inWords(birth.value)}${child !== undefined ? `, ${child}` : ''}`,
    )
  }

  // Core group meetings.
  for (let n = 1; n <= CORE_GROUP_ROWS; n += 1) {
    const name = `cg${n}`
    const held = date(`${name}-date`, `The date of core group meeting ${n}`)
    const notesBy = readChoice(query, `${name}-notes-by`, NOTES_BY_CHOICES, values)
    if (notesBy.given && !held.given) need(`${name}-date`, `Enter the date of core group meeting ${n}`)
    if (held.value)
      addEvent(
        { type: 'core_group', date: held.value, ...(notesBy.value ? { notes_by: notesBy.value } : {}) },
        {
          href: dayHref(`${name}-date`),
          label: `Core group meeting ${n}`,
          fields: { date: dayHref(`${name}-date`), notes_by: `#${name}-notes-by` },
        },
        `${inWords(held.value)}${notesBy.value === 'social_worker' ? ', notes by the social worker' : notesBy.value === 'other' ? ', notes by another member' : ''}`,
      )
  }

  // The social worker's visit.
  const visit = date('visit-date', 'The date of the social worker’s visit')
  const seenAlone = readTick(query, 'visit-seen-alone', values)
  if (seenAlone && !visit.given) need('visit-date', 'Enter the date of the social worker’s visit')
  if (visit.value)
    addEvent(
      { type: 'visit', date: visit.value, seen_alone: seenAlone },
      {
        href: dayHref('visit-date'),
        label: 'Social worker’s visit',
        fields: { date: dayHref('visit-date'), seen_alone: '#visit-seen-alone' },
      },
      `${inWords(visit.value)}${seenAlone ? ', child seen alone' : ''}`,
    )

  simpleEvent(
    'record_received',
    'record-received',
    'Conference record received',
    'The date the conference record was received',
  )
  simpleEvent(
    'plan_received',
    'plan-received',
    'Signed plan received',
    'The date the signed plan was received',
  )

  // A child in need plan.
  const cinPlan = date('cin-plan-date', 'The date the child in need plan was agreed')
  const cinFrom = readChoice(query, 'cin-plan-from', CIN_FROM_CHOICES, values)
  if (cinFrom.given && !cinPlan.given)
    need('cin-plan-date', 'Enter the date the child in need plan was agreed')
  if (cinPlan.given && !cinFrom.value)
    errors.push({
      name: 'cin-plan-from',
      href: '#cin-plan-from',
      message: 'Select whether the child in need plan followed an initial conference or a review',
    })
  if (cinPlan.value && cinFrom.value)
    addEvent(
      { type: 'cin_plan', date: cinPlan.value, from: cinFrom.value },
      {
        href: dayHref('cin-plan-date'),
        label: 'Child in need plan',
        fields: { date: dayHref('cin-plan-date'), from: '#cin-plan-from' },
      },
      `${inWords(cinPlan.value)}, after ${cinFrom.value === 'icpc' ? 'an initial conference' : 'a review conference'}`,
    )

  if (submitted && !anyDate && errors.length === 0)
    errors.push({
      name: 'sd1-date',
      href: dayHref('sd1-date'),
      message: 'Enter at least one date, for example the date of a strategy discussion',
    })

  const form: CalculatorForm = { submitted, procedure, values, errors, entered, eventSources, childSources }
  if (submitted && errors.length === 0) form.facts = { profile: procedure, events, children }
  return form
}

const EVENT_FIELD = /^events\[(\d+)\](?:\.(\w+))?/
const CHILD_FIELD = /^children\[(\d+)\](?:\.(\w+))?/

/**
 * The engine's problems with the facts, pointed at the inputs they came from. The form checks the
 * same things first, so these are rare; any the form cannot place link to the first date.
 */
export function formErrorsFromIssues(form: CalculatorForm, issues: readonly Issue[]): FormError[] {
  return issues.map((issue): FormError => {
    const place = (sources: EventSource[], match: RegExpExecArray | null): FormError | null => {
      if (!match) return null
      const source = sources[Number(match[1])]
      if (!source) return null
      const href = (match[2] !== undefined ? source.fields[match[2]] : undefined) ?? source.href
      return {
        name: href.slice(1).replace(/-(day|month|year)$/, ''),
        href,
        message: `${source.label}: ${issue.message}`,
      }
    }
    if (issue.field === 'profile') return { name: 'procedure', href: '#procedure', message: issue.message }
    return (
      place(form.eventSources, EVENT_FIELD.exec(issue.field)) ??
      place(form.childSources, CHILD_FIELD.exec(issue.field)) ?? {
        name: 'sd1-date',
        href: dayHref('sd1-date'),
        message: issue.message,
      }
    )
  })
}
