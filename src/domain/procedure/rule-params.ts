import { z } from 'zod'
import { AGENCIES } from '../deadlines/facts.ts'

/**
 * The parameters a profile may give each rule the engine computes. Names follow the rules
 * catalogue (rules.json); a parameter the catalogue leaves null takes the stricter reading.
 * Each schema is strict, so a misspelt parameter stops start-up instead of being ignored.
 */

const count = z.number().int().min(0).max(1000)
const positive = z.number().int().min(1).max(1000)
const nullableCount = count.nullable()
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time written HH:MM' })

export const UNITS = [
  'working_days',
  'calendar_days',
  'days_unspecified',
  'weeks',
  'months',
  'hours',
  'minutes',
] as const
export type Unit = (typeof UNITS)[number]
const dayUnit = z.enum(['working_days', 'calendar_days', 'days_unspecified'])

export const STRATEGY_ANCHORS = [
  'strategy_discussion_initiating_s47',
  'last_strategy_discussion',
  'strategy_meeting_deciding_s47',
] as const
export const TRANSFER_ANCHORS = ['notification_of_move', 'date_child_moved_permanently'] as const

export const PARTICIPATION = [
  'do_not_invite_guiding_principle',
  'individual_assessment_may_invite',
  'presumed_not_direct_participant_rebuttable',
  'offer_opportunity_rebuttable',
  'individual_assessment',
  'invite_unless_reasons',
] as const

/** P-MEMBERSHIP: the family members a profile invites by default. */
export const MEMBERSHIP_FAMILY = ['parents_and_pr_holders', 'carers'] as const
/** P-MEMBERSHIP: agencies invited to every conference; "health" is any health agency. */
export const MEMBERSHIP_AGENCIES = [...AGENCIES, 'health'] as const
/** P-OBSERVER: whose consent an observer needs. */
export const OBSERVER_CONSENTS = [
  'chair',
  'family',
  'child_if_sufficient_understanding',
  'parental_responsibility_holders',
] as const
/** P-PARENT-ABSENT: who may attend in an absent parent's place. */
export const ABSENT_PARENT_REPRESENTATIVES = ['advocate', 'supporter', 'solicitor'] as const
/** P-PARENT-ABSENT: the ways an absent parent's views reach the conference. */
export const VIEWS_ROUTES = [
  'in_writing',
  'recorded',
  'video_call',
  'meeting_with_chair',
  'through_representative',
  'relayed_by_social_worker',
  'relayed_by_chair',
  'relayed_by_professional',
] as const
/** X-CRITERIA: every ground any procedure lists (rules.json exclusion_criteria_matrix). */
export const EXCLUSION_GROUNDS = [
  'prejudice_child_welfare',
  'disruptive_behaviour',
  'child_requests_absence',
  'confidential_information',
  'family_conflict',
  'professional_intimidated',
  'information_increases_risk',
  'perpetrator_threat',
  'prejudice_proceedings',
  'serious_threat_to_attendee',
  'child_parent_conflict_of_interest',
] as const
/** X-RECORD: what an excluded person may receive. */
export const EXCLUDED_RECEIVES = [
  'social_work_report',
  'agency_reports',
  'record_of_part_attended',
  'whole_record',
  'decision_letter',
] as const

const conferenceKind = z.enum(['initial', 'review', 'pre_birth', 'transfer_in'])
const recipient = z.enum(['family', 'chair', 'attendees', 'admin', 'agencies', 'social_worker', 'core_group'])

const leadTime = z.strictObject({
  icpc: nullableCount.optional(),
  review: nullableCount.optional(),
  unit: dayUnit.optional(),
  review_unit: dayUnit.optional(),
  /** The conference kinds the numbers apply to; by default every kind that has a number. */
  applies_to: z.array(conferenceKind).optional(),
})

/** An id for an item a profile lists (a checklist item, a heading): lower case letters, digits and _. */
const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be lower case letters, digits and _' })

/** A list of items whose ids are all different. */
function distinctIds<S extends z.ZodType<{ id: string }[]>>(list: S) {
  return list.refine((items) => new Set(items.map((item) => item.id)).size === items.length, {
    error: 'each item needs an id of its own',
  })
}

export const RULE_PARAMS = {
  'T-ICPC-DUE': z.strictObject({
    n: positive,
    unit: dayUnit,
    anchor: z.enum(STRATEGY_ANCHORS).optional(),
    anchor_default: z.enum(STRATEGY_ANCHORS).optional(),
    anchor_alternative: z.enum(STRATEGY_ANCHORS).optional(),
    box_unit_variant: z.string().optional(),
  }),
  'T-ICPC-DELAY': z.strictObject({
    written_authorisation: z.boolean().optional(),
    interim_plan_required: z.boolean().optional(),
    /** Whether the procedure asks that the agencies be told of the delay (Kent: the social worker tells all agencies). */
    agencies_told: z.boolean().optional(),
  }),
  'T-TRANSFER-IN': z.strictObject({
    n: positive,
    unit: dayUnit,
    anchor: z.enum(TRANSFER_ANCHORS).optional(),
    anchor_default: z.enum(TRANSFER_ANCHORS).optional(),
    anchor_alternative: z.enum(TRANSFER_ANCHORS).optional(),
  }),
  'T-PB-ICPC': z.strictObject({
    gestation_window_weeks: z.tuple([positive, positive]).optional(),
    latest_gestation_weeks: positive.optional(),
    weeks_before_edd: positive.optional(),
    n: positive.optional(),
    unit: dayUnit.optional(),
    anchor: z.enum(STRATEGY_ANCHORS).optional(),
  }),
  'T-PB-REFERRAL': z.strictObject({ latest_gestation_weeks: positive }),
  'T-RPT-SW-FAMILY': leadTime,
  'T-RPT-SW-CHAIR': leadTime,
  'T-RPT-AGENCY': leadTime.extend({
    to_family: count.optional(),
    to_admin: count.optional(),
    admin_to_chair: count.optional(),
    to_chair: count.optional(),
    unit_family_admin: dayUnit.optional(),
    unit_admin_to_chair: dayUnit.optional(),
    admin_unit: dayUnit.optional(),
    on_day_accepted: z.boolean().optional(),
    for: z.array(recipient).optional(),
  }),
  'T-EXCL-REQUEST': z.strictObject({ n: positive, unit: dayUnit }),
  'T-CHAIR-PREMEET': z.strictObject({ minutes_before: positive }),
  'T-PARENT-REQ-CHAIR': z.strictObject({ n: positive, unit: z.enum(['hours', 'minutes']) }),
  'T-PRACT-ARRIVAL': z.strictObject({ minutes_before: positive }),
  'T-CHILD-ATTEND-NOTICE': z.strictObject({ n: positive, unit: dayUnit }),
  'T-DECISION-NOTICE': z.strictObject({
    n: positive,
    unit: z.enum(['working_days', 'calendar_days', 'hours']),
  }),
  'T-RECORD-SAME-DAY': z.strictObject({ n: count, unit: z.enum(['working_days', 'calendar_days']) }),
  'T-MINUTES': z.strictObject({ n: positive, unit: dayUnit }),
  'T-MINUTES-AMEND': z.strictObject({ n: positive, unit: dayUnit }),
  'T-CORE-FIRST': z.strictObject({
    n: positive,
    unit: dayUnit,
    default: z.enum(['same_day_immediately_after']).optional(),
  }),
  'T-CORE-POST-REVIEW': z.strictObject({ n: positive, unit: dayUnit }),
  'T-CORE-FREQ': z.strictObject({ n: positive, unit: z.enum(['weeks', 'calendar_days', 'working_days']) }),
  'T-CORE-RECORD': z.strictObject({ to_sw: positive, distribute: positive, unit: dayUnit }),
  'T-PLAN-SIGNED': z.strictObject({ n: positive, unit: dayUnit }),
  'T-PLAN-OBJECTION': z.strictObject({ n: positive, unit: dayUnit }),
  'T-SW-VISIT': z.strictObject({ n: positive, unit: z.enum(['weeks', 'calendar_days']) }),
  'T-CPP-16M': z.strictObject({ n: positive, unit: z.enum(['months']) }),
  'T-PB-CORE-GROUP': z.strictObject({
    n: positive,
    unit: z.enum(['weeks']),
    direction: z.enum(['before_edd']).optional(),
  }),
  'T-PB-BRP': z.strictObject({ latest_gestation_weeks: positive, strictly_before: z.boolean().optional() }),
  'T-CONF-LENGTH': z.strictObject({ icpc_minutes: positive, review_minutes: positive }),
  'T-CORE-ASSESS': z.strictObject({ n: positive, unit: dayUnit }),
  'T-RCPC-FIRST': z.strictObject({ n: positive, unit: z.enum(['months']) }),
  'T-RCPC-NEXT': z.strictObject({ n: positive, unit: z.enum(['months']) }),
  'T-PB-REVIEW': z.strictObject({
    window_weeks: z.tuple([positive, positive]).optional(),
    extension_months: positive.optional(),
    birth_months: positive.optional(),
    pbc_months: positive.optional(),
    combine: z.enum(['earlier_of']).optional(),
  }),
  'T-CIN-REVIEW': z.strictObject({
    n: positive,
    unit: z.enum(['months']),
    /** Which child in need plans the interval is for: after an initial conference, or after a plan ends. */
    from: z.enum(['icpc', 'review']).optional(),
  }),
  'T-INQUORATE-REDATE': z.strictObject({ n: positive, unit: dayUnit }),
  'Q-MIN': z.strictObject({
    required: z.array(
      z.enum(['csc_social_worker', 'la_childrens_social_care', 'childrens_social_care', 'police']),
    ),
    min_other_disciplines: count.optional(),
    min_other_agencies: count.optional(),
    contact_test: z.string().optional(),
    /** Agencies that count only when present in the room (Kent: police). */
    in_person_required: z.array(z.enum(['police'])).optional(),
  }),
  'Q-COUNT': z.strictObject({
    /** Whether someone there only for specialist advice counts (London: never). */
    expertise_only_counts: z.boolean().optional(),
  }),
  'Q-EXCEPTION': z.strictObject({
    conjunction: z.enum(['all', 'unclear']),
    /** The conditions the chair confirms one by one, in the procedure's words; ids as the quorum engine names them. */
    conditions: distinctIds(
      z.array(
        z.strictObject({
          id: z.enum(['few_agencies_involved', 'sufficient_information', 'delay_harmful']),
          text: z.string().min(1),
        }),
      ),
    ).optional(),
  }),
  /** The chair's checklist for running the meeting, item by item, in the procedure's words. */
  'CH-CONDUCT': z.strictObject({
    items: distinctIds(
      z
        .array(
          z.strictObject({
            id: slug,
            text: z.string().min(1),
            when: z.enum(['before', 'start', 'during', 'end']),
          }),
        )
        .min(1),
    ),
  }),
  /** The practice model the procedure names, and the headings the meeting's notes are kept under. */
  'G-APPROACH': z.strictObject({
    model: z.string().min(1),
    headings: distinctIds(
      z
        .array(
          z.strictObject({
            id: slug,
            text: z.string().min(1),
            hint: z.string().min(1).optional(),
            /** A scaling question answered with a whole number (Signs of Safety: 0 to 10). */
            scale: z.strictObject({ min: count, max: positive }).optional(),
          }),
        )
        .min(1),
    ),
    /** Where the model's own guide is not in the procedure document, or how it shapes the plan. */
    note: z.string().min(1).optional(),
  }),
  'D-THRESHOLD': z.strictObject({
    question: z.string().min(1),
    /** The limbs of the test, in the procedure's words. */
    limbs: distinctIds(
      z
        .array(z.strictObject({ id: z.enum(['suffered', 'likely_to_suffer']), text: z.string().min(1) }))
        .min(1),
    ),
  }),
  'D-WHO-DECIDES': z.strictObject({
    decision_maker: z.enum(['chair', 'professionals_with_chair_deciding_if_no_consensus']).nullable(),
    chair_may_override_majority: z.boolean().optional(),
    family_votes: z.boolean().optional(),
    /** The chair's reasons are recorded when the chair decides without a consensus (Kent §13.4, York). */
    chair_gives_reasons: z.boolean().optional(),
  }),
  'D-CATEGORY': z.strictObject({
    /** null: the procedure speaks of one category and does not address more, so one only. */
    allow_multiple: z.union([z.literal('exceptionally'), z.boolean()]).nullable(),
    setter: z.enum(['chair', 'practitioners_propose']),
  }),
  'D-DISSENT': z.strictObject({
    /** Each professional's dissent is recorded with its reasons (York). */
    reasons_required: z.boolean().optional(),
    /** Parents who disagree are told how to challenge the decision, and the record says so. */
    parents_told_how_to_challenge: z.boolean().optional(),
  }),
  'C-OUTLINE-PLAN': z.strictObject({
    /** What the outline plan covers, in the procedure's words. */
    sections: distinctIds(z.array(z.strictObject({ id: slug, text: z.string().min(1) })).min(1)),
  }),
  'P-CHILD-AGE': z.strictObject({
    invite_presumption_min_age: count.nullable(),
    do_not_invite_below_age: count.optional(),
    below_threshold: z.enum(PARTICIPATION).optional(),
    at_or_above_threshold: z.enum(PARTICIPATION).optional(),
    age_phrase: z.string().optional(),
  }),
  'G-CONVENE': z.strictObject({
    /** A request from another agency that is not agreed gets a written reply (Kent §2). */
    written_reply_to_agency: z.boolean().optional(),
  }),
  'PB-CRITERIA': z.strictObject({
    young_mother_age_lt: positive.optional(),
    young_mother_always_age_lt: positive.optional(),
    /** The circumstances in which the procedure says a pre-birth conference should be held, as written. */
    criteria: z
      .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), text: z.string().min(1) }))
      .min(1),
  }),
  'P-SCHEDULING': z.strictObject({
    /** The council's school day, for the check that a conference does not keep a child out of school. */
    school_day: z.strictObject({ start: clockTime, end: clockTime }),
    /** School age in completed years: from, and below. */
    school_age: z.strictObject({ from: count, below: positive }),
    /** A reason is recorded when a school-age subject child's conference starts in school hours on a school day. */
    reason_when_in_school_hours: z.boolean().optional(),
    /** Not at times when parents look after children at home, such as after the end of the school day (London 8.4.7). */
    avoid_after_school_day: z.boolean().optional(),
  }),
  'P-DOMESTIC-ABUSE': z.strictObject({
    /** Where domestic abuse is flagged: separate waiting areas and arrival times are arranged. */
    separate_waiting_and_arrival: z.boolean(),
  }),
  'P-BABIES': z.strictObject({
    /** Childcare arrangements are considered where a child of the household is younger than this (years). */
    childcare_for_children_under: positive,
  }),
  /** Who is invited by default (the administrator adds and removes people from this list). */
  'P-MEMBERSHIP': z.strictObject({
    /** The family members invited: parents and holders of parental responsibility, carers. */
    family: z.array(z.enum(MEMBERSHIP_FAMILY)),
    /** The subject children, where their participation presumption (P-CHILD-AGE) allows. */
    child: z.boolean(),
    /** From children's social care: the allocated social worker and their manager. */
    social_care: z.array(z.enum(['social_worker', 'team_manager'])),
    /** Agencies invited to every conference, whether or not already involved ("health": any health agency). */
    agencies: z.array(z.enum(MEMBERSHIP_AGENCIES)),
    /** The professionals already involved with the family. */
    involved_professionals: z.boolean(),
    /** The chair agrees the list before the invitations go (York). */
    chair_agrees_list: z.boolean().optional(),
  }),
  'REV-POLICE': z.strictObject({
    /** Police are invited to a review only when they have specific information to share (York). */
    reviews: z.enum(['only_with_specific_information']),
  }),
  'P-INTERPRETER': z.strictObject({
    /** false: a family member (anyone who is a person in the case) may not interpret. */
    family_member_may_interpret: z.boolean(),
  }),
  'P-CHILD-WISH': z.strictObject({
    /** A child's declared wish not to attend is respected: the chair cannot decide that they attend. */
    declined_wish_respected: z.boolean(),
    /** Who settles how far the child takes part: the chair, or the chair with the social worker in advance. */
    extent_decided_by: z.enum(['chair', 'chair_with_social_worker']).optional(),
  }),
  'P-OBSERVER': z.strictObject({
    /** Whose consent an observer needs, all of them. */
    consent: z.array(z.enum(OBSERVER_CONSENTS)).min(1),
    /** null: the procedure sets no limit. */
    max_observers: positive.nullable(),
    may_participate: z.boolean().nullable(),
  }),
  'P-PARENT-ABSENT': z.strictObject({
    /** Who may attend in the parent's place. */
    representatives: z.array(z.enum(ABSENT_PARENT_REPRESENTATIVES)),
    /** What a representative attending in the parent's place needs first (Kent). */
    representative_needs: z.array(z.enum(['chair_agreement', 'written_parental_confirmation'])).optional(),
    /** The ways the procedure names for the parent's views to reach the conference. */
    views_routes: z.array(z.enum(VIEWS_ROUTES)).min(1),
  }),
  'P-AGENCY-ABSENT': z.strictObject({
    /** A professional who cannot attend still sends a written report. */
    written_report: z.boolean(),
    /** ...and a briefed colleague in their place (the substitute is named). */
    substitute: z.boolean(),
    /** Who the professional tells. */
    inform: z.array(z.enum(['administrator', 'chair'])).optional(),
  }),
  'P-ADVOCATE-INFO': z.strictObject({
    /** The child's advocate sees only what the child may see (Kent §8.5). */
    advocate_sees_only_what_child_sees: z.boolean(),
  }),
  'X-CRITERIA': z.strictObject({
    /** The only grounds on which a family member may be excluded (rules.json exclusion_criteria_matrix). */
    criteria: z.array(z.enum(EXCLUSION_GROUNDS)).min(1),
  }),
  'X-RECORD': z.strictObject({
    /** What an excluded person usually receives. */
    excluded_usually_receive: z.array(z.enum(EXCLUDED_RECEIVES)),
    /** A person excluded from part of the conference receives the record of the part they attended. */
    part_attender_receives_record: z.enum(['must', 'usually', 'chair_decides']),
  }),
  'X-NOTIFY': z.strictObject({
    recipients: z.array(z.enum(['requester', 'all_invited_professionals', 'parent_in_writing'])).optional(),
    /** What the letter to the excluded person says. */
    letter_items: z.array(
      z.enum([
        'reason',
        'alternative_ways_to_give_views',
        'how_outcome_communicated',
        'complaints_procedure',
      ]),
    ),
    signed_by_chair: z.boolean().optional(),
  }),
  /** Who chairs, and what the chair's independence asks beyond never having managed the case. */
  'CH-INDEPENDENCE': z.strictObject({
    /** The chair's title in the procedure's words (the Independent Reviewing Officer, ...). */
    chair_title: z.string().min(1).optional(),
    /** A chair who knows the family discusses it with their manager, who decides whether another chair is found (Kent §13). */
    connection_discussed_with_manager: z.boolean().optional(),
    /** Where the chair stays, the connection is declared at the start of the conference and minuted (Kent §13). */
    connection_minuted: z.boolean().optional(),
    /** The same person chairs later conferences about the child wherever possible (London 8.9.2, York). */
    same_chair_for_later_conferences: z.boolean().optional(),
  }),
  /** What of the conference's papers the parents may not be given, who decides, and what the record says of it. */
  'DIST-REDACTION': z.strictObject({
    /** Who decides what is left out of the family's copy; absent where the procedure does not say. */
    decided_by: z.enum(['chair']).optional(),
    /** A whole report may be left out of what the family is given, not only a part of it. */
    whole_report_may_be_withheld: z.boolean().optional(),
    /** What one parent is given (a perpetrator of domestic abuse) may be limited (York). */
    one_parent_may_be_limited: z.boolean().optional(),
    /** The conference record lists the reports and whether each is open to the parents (London 8.16.4). */
    record_lists_reports_open_to_parents: z.boolean().optional(),
  }),
  'DIST-ENQUIRIES': z.strictObject({
    /** The enquirer's identity is checked and recorded before anything is said (London 8.16.16). */
    enquirer_checked_first: z.boolean().optional(),
    /** A child whose case is open: the enquirer is given the key worker's name. */
    give_key_worker_name: z.boolean().optional(),
    /** A child whose case is open: the key worker is told of the enquiry. */
    tell_key_worker: z.boolean().optional(),
    /** A child at the address of a child on a plan: that child's key worker is told. */
    tell_key_worker_at_same_address: z.boolean().optional(),
    /** A child not known: the advice given to the enquirer is recorded with the enquiry. */
    record_advice_if_not_known: z.boolean().optional(),
    /** A second enquiry about a child: about which children, what follows, within what period. */
    repeat_enquiry: z
      .strictObject({
        about: z.enum(['not_known', 'any']),
        tell_enquirer_of_earlier: z.boolean(),
        alert_designated_manager: z.boolean(),
        /** The period an earlier enquiry counts for; null where the procedure gives none (any earlier one). */
        window: z.strictObject({ n: positive, unit: z.enum(['calendar_days', 'months']) }).nullable(),
      })
      .optional(),
  }),
  'DIST-THIRD-PARTY': z.strictObject({
    /** Whose consent allows a disclosure; the consent of any one of them is enough ("and/or", Kent §15). */
    consent_by: z.array(z.enum(['chair', 'lead_social_worker'])).min(1),
    /** A court order allows a disclosure; null where the procedure does not mention court orders. */
    court_order: z.boolean().nullable(),
    /** What a subject access request receives, where the procedure says (Kent §15). */
    subject_access: z
      .strictObject({
        open_sections: z.enum(['released']),
        closed_sections: z.enum(['after_consultation']),
      })
      .optional(),
  }),
  /** Where a family takes a complaint about a conference. */
  'CMP-ROUTE': z.strictObject({
    /** What a complaint may be about (London 8.17.1). */
    grounds: z.array(z.enum(['process', 'outcome_fact_or_category', 'plan_decision'])).optional(),
    /**
     * The route in plain English for the family's decision letter: short sentences, no abbreviations,
     * written from the cited text and saying nothing it does not say.
     */
    family_words: z.string().min(1).optional(),
  }),
  /** What happens while a complaint is considered, and how it can end. */
  'CMP-OUTCOMES': z.strictObject({
    decision_stands_pending: z.boolean().optional(),
    outcomes: z
      .array(
        z.enum(['reconvene_different_chair', 'bring_review_forward', 'confirm_status_quo_with_explanation']),
      )
      .optional(),
    /** The same in plain English for the family's decision letter. */
    family_words: z.string().min(1).optional(),
  }),
  /** The social worker's report: each item is a section; see REPORT_REQUIREMENT_ITEMS for the others. */
  'C-SW-REPORT': z.strictObject({ items: z.array(slug).min(1) }),
  'C-AGENCY-REPORT': z.strictObject({ items: z.array(slug).min(1) }),
  'C-REVIEW-REPORT': z.strictObject({ items: z.array(slug).min(1) }),
} as const satisfies Record<string, z.ZodType>

export type RuleParamsById = { [K in keyof typeof RULE_PARAMS]: z.infer<(typeof RULE_PARAMS)[K]> }
export type ComputedRuleId = keyof typeof RULE_PARAMS
