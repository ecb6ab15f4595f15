import { z } from 'zod'

/**
 * The parameters a profile may give each rule the engine computes. Names follow the rules
 * catalogue (rules.json); a parameter the catalogue leaves null takes the stricter reading.
 * Each schema is strict, so a misspelt parameter stops start-up instead of being ignored.
 */

const count = z.number().int().min(0).max(1000)
const positive = z.number().int().min(1).max(1000)
const nullableCount = count.nullable()

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
  'Q-EXCEPTION': z.strictObject({ conjunction: z.enum(['all', 'unclear']) }),
  'P-CHILD-AGE': z.strictObject({
    invite_presumption_min_age: count.nullable(),
    do_not_invite_below_age: count.optional(),
    below_threshold: z.enum(PARTICIPATION).optional(),
    at_or_above_threshold: z.enum(PARTICIPATION).optional(),
    age_phrase: z.string().optional(),
  }),
} as const satisfies Record<string, z.ZodType>

export type RuleParamsById = { [K in keyof typeof RULE_PARAMS]: z.infer<(typeof RULE_PARAMS)[K]> }
export type ComputedRuleId = keyof typeof RULE_PARAMS
