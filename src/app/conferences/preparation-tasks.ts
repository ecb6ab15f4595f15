import type { ConferenceStatus } from '../../db/schema.ts'
import type { ExpectedQuorumState } from './expected-quorum.ts'

/**
 * The tasks that get a conference ready, each with its state: send the invitations, collect the
 * reports, share them with the family, check the quorum, and hold the meeting. Pure: what has been
 * done in, the states out.
 */

export const TASK_IDS = ['invite', 'reports', 'share', 'quorum', 'hold'] as const
export type TaskId = (typeof TASK_IDS)[number]

/** The GOV.UK task list's states, and "attention" for something late or at risk (with its own words). */
export type TaskStatus = 'not_started' | 'in_progress' | 'completed' | 'cannot_start' | 'attention'

export interface PreparationTask {
  id: TaskId
  status: TaskStatus
  /** The words on an "attention" tag: "Late", "Quorum at risk". */
  attention?: string
  /** One sentence on where the task stands. */
  hint: string
}

export interface PreparationFacts {
  conferenceStatus: ConferenceStatus
  invitations: {
    sent: number
    awaitingReply: number
    /** People on the procedure's default list not yet invited. */
    stillToInvite: number
    /** The procedure has the chair agree the list, and the chair has not yet agreed it. */
    waitingForChair: string | null
  }
  reports: {
    requested: number
    submitted: number
    late: number
    socialWorkerRequested: boolean
    shared: number
    shareLate: number
  }
  /** The forecast of the quorum, or null where no professional has been invited. */
  quorum: { state: ExpectedQuorumState; missing: string[]; awaiting: number } | null
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

function inviteTask(facts: PreparationFacts): PreparationTask {
  const { sent, awaitingReply, stillToInvite, waitingForChair } = facts.invitations
  if (sent === 0 && waitingForChair !== null)
    return { id: 'invite', status: 'cannot_start', hint: waitingForChair }
  if (sent === 0)
    return {
      id: 'invite',
      status: 'not_started',
      hint:
        stillToInvite > 0
          ? `${plural(stillToInvite, 'person', 'people')} on the procedure’s list to invite.`
          : 'No invitations sent yet.',
    }
  const parts: string[] = []
  if (stillToInvite > 0) parts.push(`${plural(stillToInvite, 'person', 'people')} still to invite`)
  if (awaitingReply > 0) parts.push(`${plural(awaitingReply, 'reply', 'replies')} awaited`)
  if (parts.length > 0) return { id: 'invite', status: 'in_progress', hint: `${parts.join('; ')}.` }
  return {
    id: 'invite',
    status: 'completed',
    hint: `${plural(sent, 'invitation', 'invitations')} sent; every reply recorded.`,
  }
}

function reportsTask(facts: PreparationFacts): PreparationTask {
  const { requested, submitted, late, socialWorkerRequested } = facts.reports
  if (requested === 0) return { id: 'reports', status: 'not_started', hint: 'No reports asked for yet.' }
  const received = `${submitted} of ${plural(requested, 'report', 'reports')} received`
  if (late > 0)
    return {
      id: 'reports',
      status: 'attention',
      attention: 'Late',
      hint: `${received}; ${plural(late, 'report is', 'reports are')} late.`,
    }
  if (!socialWorkerRequested)
    return {
      id: 'reports',
      status: 'in_progress',
      hint: `${received}; the social worker’s report has not been asked for.`,
    }
  if (submitted < requested) return { id: 'reports', status: 'in_progress', hint: `${received}.` }
  return { id: 'reports', status: 'completed', hint: `Every report received (${requested}).` }
}

function shareTask(facts: PreparationFacts): PreparationTask {
  const { requested, submitted, shared, shareLate } = facts.reports
  if (submitted === 0)
    return { id: 'share', status: 'cannot_start', hint: 'No report has been received yet.' }
  if (shareLate > 0)
    return {
      id: 'share',
      status: 'attention',
      attention: 'Late',
      hint: `${plural(shareLate, 'report was', 'reports were')} not shared with the family by the day the procedure gives.`,
    }
  if (shared === 0)
    return { id: 'share', status: 'not_started', hint: `${plural(submitted, 'report', 'reports')} to share.` }
  if (shared < submitted || submitted < requested)
    return {
      id: 'share',
      status: 'in_progress',
      hint: `${shared} of ${plural(requested, 'report', 'reports')} shared with the family.`,
    }
  return { id: 'share', status: 'completed', hint: 'Every report shared with the family.' }
}

function quorumTask(facts: PreparationFacts): PreparationTask {
  const quorum = facts.quorum
  if (quorum === null)
    return { id: 'quorum', status: 'cannot_start', hint: 'No professional has been invited yet.' }
  switch (quorum.state) {
    case 'no_rule':
      return { id: 'quorum', status: 'completed', hint: 'The procedure is silent on a quorum.' }
    case 'expected':
      return { id: 'quorum', status: 'completed', hint: 'Quorate on the replies received.' }
    case 'depends_on_replies':
      return {
        id: 'quorum',
        status: 'in_progress',
        hint: `Quorate only if those yet to reply come (${plural(quorum.awaiting, 'reply', 'replies')} awaited).`,
      }
    case 'at_risk':
      return {
        id: 'quorum',
        status: 'attention',
        attention: 'Quorum at risk',
        hint: `Not quorate even if everyone yet to reply comes; missing: ${quorum.missing.join(', ')}.`,
      }
  }
}

function holdTask(facts: PreparationFacts, before: readonly PreparationTask[]): PreparationTask {
  switch (facts.conferenceStatus) {
    case 'in_progress':
      return { id: 'hold', status: 'in_progress', hint: 'The meeting has started.' }
    case 'adjourned':
      return { id: 'hold', status: 'in_progress', hint: 'The meeting is adjourned.' }
    case 'finalised':
      return { id: 'hold', status: 'completed', hint: 'The conference is finalised.' }
    case 'inquorate':
      return { id: 'hold', status: 'completed', hint: 'The meeting was not quorate and was re-dated.' }
    case 'cancelled':
      return { id: 'hold', status: 'cannot_start', hint: 'The conference is cancelled.' }
    case 'booked': {
      const open = before.filter((task) => task.status !== 'completed').length
      return open === 0
        ? { id: 'hold', status: 'completed', hint: 'Everything is ready for the meeting.' }
        : {
            id: 'hold',
            status: 'cannot_start',
            hint: `${plural(open, 'task', 'tasks')} above still to complete.`,
          }
    }
  }
}

export function preparationTasks(facts: PreparationFacts): PreparationTask[] {
  const before = [inviteTask(facts), reportsTask(facts), shareTask(facts), quorumTask(facts)]
  return [...before, holdTask(facts, before)]
}
