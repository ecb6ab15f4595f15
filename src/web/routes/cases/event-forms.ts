import { S47_OUTCOMES } from '../../../app/cases/record-case-event.ts'

/**
 * The forms for what happened on a case, one per event type of recordCaseEvent, each a list of
 * inputs named as the use-case's fields. Every form also takes notes.
 */

export type EventInput =
  | { name: string; kind: 'date'; label: string; hint?: string }
  | { name: string; kind: 'yesNo'; label: string; hint?: string; missing?: string }
  | {
      name: string
      kind: 'choice'
      label: string
      items: { value: string; text: string }[]
      missing?: string
    }
  | { name: string; kind: 'text'; label: string; hint?: string }
  /** Ticks for the children of the case it is about (optional). */
  | { name: 'childIds'; kind: 'children'; label: string }
  /** One unborn child of the case. */
  | { name: 'childId'; kind: 'unborn'; label: string; missing: string }
  /** The procedure's pre-birth criteria, or criteria written one a line where it lists none. */
  | { name: 'criteria'; kind: 'criteria'; label: string }
  /** One of the case's conferences (optional). */
  | { name: 'conferenceId'; kind: 'conference'; label: string }

export interface EventForm {
  type: string
  /** The choice on the first page, and the heading of the form. */
  title: string
  hint: string
  /** Offered only where the case has an unborn child. */
  needsUnborn?: boolean
  inputs: EventInput[]
}

const S47_OUTCOME_TEXT: Record<(typeof S47_OUTCOMES)[number], string> = {
  convene_conference:
    'Concerns substantiated and the child is likely to suffer significant harm: convene a conference',
  substantiated_not_at_continuing_risk:
    'Concerns substantiated, but the child is not judged at continuing risk of significant harm',
  not_substantiated: 'Concerns not substantiated',
}

const children = (label = 'Which children is it about?'): EventInput => ({
  name: 'childIds',
  kind: 'children',
  label,
})

export const EVENT_FORMS: readonly EventForm[] = [
  {
    type: 'strategy_discussion',
    title: 'Strategy discussion',
    hint: 'The initial conference is counted from it.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date of the strategy discussion' },
      {
        name: 'initiatedS47',
        kind: 'yesNo',
        label: 'Did it start a section 47 enquiry?',
        missing: 'Select whether the strategy discussion started a section 47 enquiry',
      },
    ],
  },
  {
    type: 's47_start',
    title: 'Section 47 enquiry started',
    hint: 'The national measure counts from it.',
    inputs: [{ name: 'date', kind: 'date', label: 'Date the section 47 enquiry started' }, children()],
  },
  {
    type: 's47_outcome',
    title: 'Section 47 enquiry outcome',
    hint: 'What the enquiry found.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date of the outcome' },
      {
        name: 'outcome',
        kind: 'choice',
        label: 'What did the enquiry find?',
        missing: 'Select what the enquiry found',
        items: S47_OUTCOMES.map((value) => ({ value, text: S47_OUTCOME_TEXT[value] })),
      },
      children(),
    ],
  },
  {
    type: 'epo',
    title: 'Emergency protection order',
    hint: 'The order made, and when it expires.',
    inputs: [
      { name: 'made', kind: 'date', label: 'Date the order was made' },
      { name: 'expires', kind: 'date', label: 'Date the order expires (optional)' },
      children('Which children is the order for?'),
    ],
  },
  {
    type: 'cao',
    title: 'Child assessment order concluded',
    hint: 'The day the assessment under the order ended.',
    inputs: [
      { name: 'concluded', kind: 'date', label: 'Date the assessment concluded' },
      children('Which children was the order for?'),
    ],
  },
  {
    type: 'pre_birth_criteria',
    title: 'Pre-birth criteria met',
    hint: 'Which of the procedure’s reasons to hold a pre-birth conference apply to an unborn child.',
    needsUnborn: true,
    inputs: [
      { name: 'date', kind: 'date', label: 'Date the criteria were found to be met' },
      { name: 'childId', kind: 'unborn', label: 'Which unborn child?', missing: 'Select the unborn child' },
      { name: 'criteria', kind: 'criteria', label: 'Which criteria are met?' },
    ],
  },
  {
    type: 'birth',
    title: 'Birth',
    hint: 'An unborn child was born: records their date of birth.',
    needsUnborn: true,
    inputs: [
      {
        name: 'childId',
        kind: 'unborn',
        label: 'Which child was born?',
        missing: 'Select the child who was born',
      },
      { name: 'date', kind: 'date', label: 'Date of birth' },
    ],
  },
  {
    type: 'transfer_notification',
    title: 'Told of a child on a plan moving here',
    hint: 'Another authority told us that a child on a child protection plan has moved into the area.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date we were told' },
      { name: 'fromAuthority', kind: 'text', label: 'Which authority told us? (optional)' },
    ],
  },
  {
    type: 'child_moved',
    title: 'Child moved into the area',
    hint: 'The day the child came to live here.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date the child moved' },
      children('Which children moved?'),
    ],
  },
  {
    type: 'core_group',
    title: 'Core group meeting',
    hint: 'A meeting of the core group.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date of the core group meeting' },
      {
        name: 'notesBy',
        kind: 'choice',
        label: 'Who took the notes?',
        items: [
          { value: 'social_worker', text: 'The social worker' },
          { value: 'core_group_member', text: 'Another member of the core group' },
        ],
      },
    ],
  },
  {
    type: 'visit',
    title: 'Visit',
    hint: 'A statutory visit to the child.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date of the visit' },
      { name: 'seenAlone', kind: 'yesNo', label: 'Was the child seen alone?' },
      children('Which children were seen?'),
    ],
  },
  {
    type: 'record_received',
    title: 'Conference record received',
    hint: 'Someone received the record of a conference.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date it was received' },
      { name: 'recipient', kind: 'text', label: 'Who received it? (optional)' },
      { name: 'conferenceId', kind: 'conference', label: 'Which conference? (optional)' },
    ],
  },
  {
    type: 'plan_received',
    title: 'Child protection plan received',
    hint: 'An agency received the child protection plan.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date it was received' },
      { name: 'agency', kind: 'text', label: 'Which agency received it? (optional)' },
    ],
  },
  {
    type: 'cin_plan',
    title: 'Child in need plan agreed',
    hint: 'After a conference that made or ended no child protection plan.',
    inputs: [
      { name: 'date', kind: 'date', label: 'Date the plan was agreed' },
      {
        name: 'from',
        kind: 'choice',
        label: 'Which conference led to it?',
        missing: 'Select which conference led to the plan',
        items: [
          { value: 'icpc', text: 'An initial conference that made no child protection plan' },
          { value: 'review', text: 'A review conference that ended the child protection plan' },
        ],
      },
      children(),
    ],
  },
]

export function eventFormOf(type: string): EventForm | undefined {
  return EVENT_FORMS.find((form) => form.type === type)
}
