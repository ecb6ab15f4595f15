import { z } from 'zod'
import { isClockTime, minutesOfDay } from '../calendar/clock-time.ts'
import { parseIsoDate } from '../calendar/iso-date.ts'
import type { Issue, Parsed } from '../issues.ts'
import { parseInput } from '../parse-input.ts'

/**
 * The facts of a case as the deadlines engine reads them: what has happened, and what is planned
 * (../shared/contracts/deadlines.md). Every field is checked; unknown fields are refused.
 */

const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .refine((text) => parseIsoDate(text) !== null, {
    error: (issue) =>
      /^\d{4}-\d{2}-\d{2}$/.test(String(issue.input))
        ? `${String(issue.input)} is not a date that exists`
        : 'must be a date written YYYY-MM-DD',
  })

const clockTime = z
  .string({ error: 'must be a time written HH:MM (24-hour clock)' })
  .refine(isClockTime, { error: 'must be a time written HH:MM (24-hour clock)' })

const bool = (name: string) => z.boolean({ error: `${name} must be true or false` })

export const CONFERENCE_KINDS = ['initial', 'review', 'pre_birth', 'transfer_in'] as const
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number]

export const AGENCIES = [
  'childrens_social_care',
  'police',
  'school',
  'nursery',
  'health_visiting',
  'school_nursing',
  'gp',
  'midwifery',
  'paediatrics',
  'adult_mental_health',
  'substance_misuse',
  'probation',
  'youth_justice',
  'housing',
  'domestic_abuse_specialist',
  'early_help',
  'other',
] as const
export type Agency = (typeof AGENCIES)[number]

export const ATTENDEE_ROLES = [
  'professional',
  'parent',
  'carer',
  'child',
  'supporter',
  'advocate',
  'interpreter',
  'observer',
  'minute_taker',
  'chair',
] as const
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number]

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` })

const strategyDiscussion = z.strictObject({
  type: z.literal('strategy_discussion'),
  date: isoDate,
  initiated_s47: bool('initiated_s47'),
})

const conference = z.strictObject({
  type: z.literal('conference'),
  kind: oneOf(CONFERENCE_KINDS),
  date: isoDate,
  start: clockTime.optional(),
  end: clockTime.optional(),
  quorate: bool('quorate').default(true),
  proceeded: bool('proceeded').default(false),
  plan: bool('plan').optional(),
  extension_authorised: bool('extension_authorised').default(false),
})

const birth = z.strictObject({ type: z.literal('birth'), date: isoDate, child: z.string().min(1).optional() })
const transferNotification = z.strictObject({ type: z.literal('transfer_notification'), date: isoDate })
const childMoved = z.strictObject({ type: z.literal('child_moved'), date: isoDate })
const coreGroup = z.strictObject({
  type: z.literal('core_group'),
  date: isoDate,
  notes_by: z.string().min(1).optional(),
})
const recordReceived = z.strictObject({ type: z.literal('record_received'), date: isoDate })
const planReceived = z.strictObject({ type: z.literal('plan_received'), date: isoDate })
const visit = z.strictObject({
  type: z.literal('visit'),
  date: isoDate,
  seen_alone: bool('seen_alone').default(false),
})
const cinPlan = z.strictObject({
  type: z.literal('cin_plan'),
  date: isoDate,
  from: oneOf(['icpc', 'review'] as const),
})
const s47Start = z.strictObject({ type: z.literal('s47_start'), date: isoDate })
const epo = z.strictObject({ type: z.literal('epo'), made: isoDate, expires: isoDate.optional() })
const cao = z.strictObject({ type: z.literal('cao'), concluded: isoDate })

export const EVENT_TYPES = [
  'strategy_discussion',
  'conference',
  'birth',
  'transfer_notification',
  'child_moved',
  'core_group',
  'record_received',
  'plan_received',
  'visit',
  'cin_plan',
  's47_start',
  'epo',
  'cao',
] as const

const event = z.discriminatedUnion(
  'type',
  [
    strategyDiscussion,
    conference,
    birth,
    transferNotification,
    childMoved,
    coreGroup,
    recordReceived,
    planReceived,
    visit,
    cinPlan,
    s47Start,
    epo,
    cao,
  ],
  { error: `type must be one of: ${EVENT_TYPES.join(', ')}` },
)

const child = z.strictObject({
  id: z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }).max(64),
  dob: isoDate.optional(),
  edd: isoDate.optional(),
})

const attendee = z.strictObject({
  agency: oneOf(AGENCIES),
  role: oneOf(ATTENDEE_ROLES).default('professional'),
  direct_contact_with_child: bool('direct_contact_with_child').default(false),
  expertise_only: bool('expertise_only').default(false),
  in_person: bool('in_person').default(true),
})

export const MAX_EVENTS = 5000
export const MAX_CHILDREN = 30
export const MAX_ATTENDEES = 300

export const factsSchema = z.strictObject({
  profile: z.string().min(1).max(64).optional(),
  events: z
    .array(event)
    .max(MAX_EVENTS, { error: `at most ${MAX_EVENTS} events` })
    .default([]),
  children: z
    .array(child)
    .max(MAX_CHILDREN, { error: `at most ${MAX_CHILDREN} children` })
    .default([]),
  attendees: z
    .array(attendee)
    .max(MAX_ATTENDEES, { error: `at most ${MAX_ATTENDEES} attendees` })
    .optional(),
})

export type Facts = z.infer<typeof factsSchema>
export type FactsEvent = Facts['events'][number]
export type ConferenceEvent = Extract<FactsEvent, { type: 'conference' }>
export type Attendee = NonNullable<Facts['attendees']>[number]
export type Child = Facts['children'][number]
export type EventOf<T extends FactsEvent['type']> = Extract<FactsEvent, { type: T }>

function crossFieldIssues(facts: Facts): Issue[] {
  const issues: Issue[] = []
  const childIds = new Set<string>()
  facts.children.forEach((c, i) => {
    if (childIds.has(c.id))
      issues.push({ field: `children[${i}].id`, message: `"${c.id}" is used for two children` })
    childIds.add(c.id)
    if (c.dob === undefined && c.edd === undefined)
      issues.push({
        field: `children[${i}]`,
        message: 'give the date of birth (dob) or, for an unborn child, the edd',
      })
  })
  facts.events.forEach((e, i) => {
    if (e.type === 'conference' && e.start !== undefined && e.end !== undefined) {
      if (minutesOfDay(e.end) <= minutesOfDay(e.start))
        issues.push({
          field: `events[${i}].end`,
          message: `the end (${e.end}) must be after the start (${e.start})`,
        })
    }
    if (e.type === 'conference' && e.end !== undefined && e.start === undefined)
      issues.push({ field: `events[${i}].start`, message: 'give the start time when the end time is given' })
    if (e.type === 'epo' && e.expires !== undefined && e.expires < e.made)
      issues.push({
        field: `events[${i}].expires`,
        message: `the order cannot expire (${e.expires}) before it was made (${e.made})`,
      })
    if (e.type === 'birth' && e.child !== undefined && !childIds.has(e.child))
      issues.push({ field: `events[${i}].child`, message: `no child has the id "${e.child}"` })
  })
  return issues
}

/** Checks raw input against the facts contract: the facts, or every problem found at once. */
export function parseFacts(input: unknown): Parsed<Facts> {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, issues: [{ field: '(body)', message: 'the facts must be a JSON object' }] }
  const result = parseInput(factsSchema, input)
  if (!result.ok) return result
  const issues = crossFieldIssues(result.value)
  return issues.length > 0 ? { ok: false, issues } : result
}
