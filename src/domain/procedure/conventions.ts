/** The counting conventions of ../rules/conventions.md, each with the other reading a profile may choose. */
export const CONVENTION_IDS = [
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C7',
  'C8',
  'C9',
  'C10',
  'C11',
  'C12',
  'C13',
] as const
export type ConventionId = (typeof CONVENTION_IDS)[number]
export type Reading = 'default' | 'other'

export const CONVENTIONS: Record<ConventionId, { title: string; reading: string; other: string }> = {
  C1: {
    title: 'Within N working days of D',
    reading: 'The Nth working day strictly after D; D itself is never counted.',
    other: 'D counts as day 1 when D is a working day (one working day earlier).',
  },
  C2: {
    title: 'At least N working days before E',
    reading: 'The Nth working day strictly before E; E is not counted and the delivery day is one of the N.',
    other: "'Clear days': N whole working days between delivery and E (the (N+1)th working day before E).",
  },
  C3: {
    title: "'N days' with no unit",
    reading: 'Working days, where the same document uses working days elsewhere.',
    other: 'Calendar days.',
  },
  C4: {
    title: 'Within M months of D',
    reading:
      'The same day of the month M months later, or the last day of that month if it has no such day; never moved for weekends or holidays.',
    other: 'Roll over into the next month (30 November + 3 months = 2 March).',
  },
  C5: {
    title: 'Weeks and recurring intervals',
    reading: 'A week is 7 calendar days; every 6 weeks means no more than 42 days after the previous event.',
    other: 'None.',
  },
  C6: {
    title: 'Gestation',
    reading:
      "The EDD is 40+0 weeks. 'Before 34 weeks' is on or before 33+6; 'no later than the 30th week' is on or before 30+0; Kent's latest is 24+0.",
    other: "'30th week' as 29+6; Kent's latest as 24+6; 'before 34 weeks' as by 34+0.",
  },
  C7: {
    title: 'Hours and minutes',
    reading:
      "Clock time, weekends and holidays included; '48 hours before' counts back from the start, 'within 48 hours of the conference' forward from the end.",
    other: 'Count hours after a conference from its start time.',
  },
  C8: {
    title: "Child's age",
    reading:
      "Completed years on the conference date; 29 February birthdays fall on 1 March; 'over 12' means 12 or older.",
    other: "'Over 12' strictly as 13 or older.",
  },
  C9: {
    title: 'Working day',
    reading:
      'Monday to Friday, less England and Wales bank holidays and the council’s closure days. A year the calendar does not cover is an error.',
    other: 'None.',
  },
  C10: { title: 'One week of receipt', reading: '7 calendar days after receipt.', other: '5 working days.' },
  C11: { title: 'Immediately after', reading: 'The same calendar day as the anchor event.', other: 'None.' },
  C12: {
    title: 'Review cycle anchor',
    reading: 'Each later review limit runs from the date the previous review was held.',
    other: 'Run from the previous review’s due date.',
  },
  C13: {
    title: 'Quorum counting',
    reading:
      'Count distinct agencies, not people; family, child, supporters, advocates and observers never count. Kent: police in person and two further disciplines with direct contact.',
    other: 'Kent §13 reading: social worker and two disciplines (police not required).',
  },
}
