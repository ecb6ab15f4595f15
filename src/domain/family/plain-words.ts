/**
 * The words the family's pages use: plain English a nine-year-old can read, no abbreviations and
 * no procedure terms. "You" is the person reading; "your child" for a parent or carer, "you" for a
 * young person reading about themselves. Pure.
 */

/** Who is reading: a parent or carer, a young person reading about themselves, or the child's advocate. */
export type FamilyVoice = 'parent' | 'young_person' | 'advocate'

/** The child, as the reader says it: "your child", "you", "the child". */
export function theChild(voice: FamilyVoice): string {
  return voice === 'young_person' ? 'you' : voice === 'advocate' ? 'the child' : 'your child'
}

const KIND_WORDS: Record<string, string> = {
  initial: 'child protection conference',
  review: 'review meeting',
  pre_birth: 'child protection conference before the baby is born',
  transfer_in: 'child protection conference for a family who has moved here',
}

/** The meeting's name: "child protection conference", "review meeting". */
export function meetingName(kind: string): string {
  return KIND_WORDS[kind] ?? 'child protection conference'
}

/** What the meeting is for, in two or three short sentences. */
export function whatTheMeetingIsFor(kind: string, voice: FamilyVoice): string {
  const who = theChild(voice)
  if (kind === 'review')
    return `This meeting looks at how the plan to keep ${who} safe is going. Everyone says what has changed. The meeting decides if the plan is still needed.`
  return `This meeting is about keeping ${who} safe. The family and the people who work with the family meet to share what they know. The meeting decides if a plan is needed to keep ${who} safe.`
}

const CATEGORY_WORDS: Record<string, { name: string; means: string }> = {
  neglect: {
    name: 'neglect',
    means:
      'This means the worry is that basic needs are not being met, like food, warmth, clean clothes, safety or going to the doctor or dentist.',
  },
  emotional: {
    name: 'emotional abuse',
    means:
      'This means the worry is about how a child is being made to feel, for example frightened, unloved or put down.',
  },
  physical: {
    name: 'physical abuse',
    means: 'This means the worry is that a child has been hurt, or could be hurt, on purpose.',
  },
  sexual: {
    name: 'sexual abuse',
    means:
      'This means the worry is that a child has been, or could be, made to take part in sexual acts, or to see them.',
  },
}

/** A plan's category and what it means, in plain words. */
export function categoryInPlainWords(category: string): { name: string; means: string } {
  return CATEGORY_WORDS[category] ?? { name: category.replaceAll('_', ' '), means: '' }
}

/** Whose school, nursery or doctor: "your child’s", "your", "the child’s". */
function whose(voice: FamilyVoice): string {
  return voice === 'young_person' ? 'your' : voice === 'advocate' ? 'the child’s' : 'your child’s'
}

const AGENCY_WORDS: Record<string, (voice: FamilyVoice) => string> = {
  childrens_social_care: () => 'social workers',
  police: () => 'the police',
  school: (voice) => `${whose(voice)} school`,
  nursery: (voice) => `${whose(voice)} nursery`,
  health_visiting: () => 'a health visitor',
  school_nursing: () => 'a school nurse',
  gp: (voice) => `${whose(voice)} doctor (GP)`,
  midwifery: () => 'a midwife',
  paediatrics: () => 'a children’s doctor',
  adult_mental_health: () => 'a mental health worker',
  substance_misuse: () => 'a drug and alcohol worker',
  probation: () => 'a probation officer',
  youth_justice: () => 'a youth justice worker',
  housing: () => 'a housing officer',
  domestic_abuse_specialist: () => 'a domestic abuse worker',
  early_help: () => 'a family support worker',
  advocacy: () => 'an advocate',
}

/** The kind of worker an agency sends, in general terms ("the police", "your child’s school"). */
export function agencyInPlainWords(agency: string, voice: FamilyVoice): string {
  return AGENCY_WORDS[agency]?.(voice) ?? 'other people who work with the family'
}

/** "a, b and c" */
export function listInPlainWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

const SECTION_TITLES: Record<string, string> = {
  reason_for_conference: 'Why this meeting is being held',
  dates_child_seen_and_whether_alone: 'When the children were seen',
  subject_children: 'The children this meeting is about',
  subject_children_and_reasons: 'The children this meeting is about',
  all_household_children: 'The children who live at home',
  all_relevant_children: 'The children in the family',
  s47_reasons_strategy_dates_outcome: 'What the social worker looked into, and what they found',
  chronology: 'What has happened, in date order',
  genogram: 'Family tree',
  child_health_development: 'Health and growing up',
  child_developmental_needs: 'What the children need to grow up well',
  parenting_capacity: 'How the children are looked after',
  family_history_functioning: 'Family history and family life',
  views_child_parents_family: 'What the children and the family think',
  child_views: 'What the children think and feel',
  analysis: 'What the writer thinks',
  danger_statement: 'What we are worried might happen',
  la_recommendation: 'What the council thinks should happen',
  manager_authorisation: 'Checked by a manager',
  concerns: 'What we are worried about',
  what_is_going_well: 'What is going well',
  risk_analysis: 'How worried we are, and why',
  how_needs_met: 'How the children’s needs are met',
  proposed_plan: 'The plan we suggest',
  agency_involvement: 'How we know the family',
  assessment: 'What we think',
  family_comments: 'What the family said about this report',
  organisation_and_practitioner_details: 'Who wrote this report',
  child_and_family_details: 'The children and the family',
  other_relevant_information: 'Other things to know',
  other_adults: 'Other adults in the family’s life',
  protective_factors: 'What helps keep the children safe',
  wider_family: 'The wider family',
  recommendations: 'What we suggest should happen',
  work_undertaken_overview: 'Work done since the last meeting',
  impact_against_planned_outcomes: 'What has changed for the children',
  involvement_since_last_conference: 'What we have done since the last meeting',
  outcomes_of_work: 'What the work has done',
  new_issues: 'New worries',
  report: 'The report',
}

/** A report section's heading for the family, or the report's own heading where there is no plain one. */
export function sectionTitleForFamily(code: string, title: string): string {
  return SECTION_TITLES[code] ?? title
}

const PLAN_SECTION_TITLES: Record<string, string> = {
  outcomes: 'What the plan wants for the children',
  aims: 'What the plan is for',
  services: 'The help the children will get',
  what_must_change: 'What needs to change',
  family_involvement: 'How the family takes part, and the help you can get',
  further_assessments: 'Checks and assessments still to do',
  core_assessment: 'When the assessment will be finished',
  specialist_assessments: 'Other assessments',
  roles_and_contact: 'Who does what, and how often they will see you',
  responsible_professional: 'Who is in charge of the plan',
  review_points: 'How everyone will check the plan is working',
  monitoring: 'How everyone will check the plan is working',
  contingency: 'What happens if the plan does not work',
  early_review: 'When the review meeting could happen sooner',
}

/** A section of the plan, headed for the family. */
export function planSectionTitle(id: string): string {
  return PLAN_SECTION_TITLES[id] ?? id.charAt(0).toUpperCase() + id.slice(1).replaceAll('_', ' ')
}

const STATEMENT_KIND_WORDS: Record<string, string> = {
  fact: 'a fact',
  observation: 'something the writer saw',
  allegation: 'something someone said happened',
  opinion: 'what the writer thinks',
}

/** What kind of statement this is, in plain words. */
export function statementKindInPlainWords(kind: string | null): string | null {
  return kind === null ? null : (STATEMENT_KIND_WORDS[kind] ?? null)
}
