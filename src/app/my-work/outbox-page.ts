import { caseLabels, conferenceLabels } from '../../db/work-list.repository.ts'
import type { OutboxEntry, OutboxMessage } from '../../notify/outbox-messages.ts'
import type { Actor } from '../actor.ts'
import { listOutbox, showOutboxMessage } from '../invitations/list-outbox.ts'
import type { AppDeps } from '../use-case.ts'

/**
 * The outbox as the administrator's pages show it: the messages from listOutbox (which decides who
 * may see them), each with its case named by reference and family and its conference by kind and
 * date, and whether there are older messages to page to.
 */

export const MESSAGES_PER_PAGE = 50

export interface Labelled {
  case: { id: string; reference: string; familyName: string } | null
  conference: { id: string; kind: string; date: string } | null
}

export interface OutboxPage {
  messages: (OutboxEntry & Labelled)[]
  /** The last message of the page, to ask for the older ones; null where this is the last page. */
  olderThan: string | null
}

async function labelled<T extends OutboxEntry>(deps: AppDeps, entries: T[]): Promise<(T & Labelled)[]> {
  const [cases, conferences] = await Promise.all([
    caseLabels(
      deps.db,
      entries.map((entry) => entry.caseId),
    ),
    conferenceLabels(
      deps.db,
      entries.map((entry) => entry.conferenceId),
    ),
  ])
  return entries.map((entry) => {
    const found = entry.caseId ? cases.get(entry.caseId) : undefined
    const conference = entry.conferenceId ? conferences.get(entry.conferenceId) : undefined
    return {
      ...entry,
      case: found && entry.caseId ? { id: entry.caseId, ...found } : null,
      conference:
        conference && entry.conferenceId
          ? { id: entry.conferenceId, kind: conference.kind, date: conference.date }
          : null,
    }
  })
}

/** A page of messages, newest first; `input` is listOutbox's (status, olderThan...). */
export async function outboxPage(
  deps: AppDeps,
  actor: Actor,
  input: Record<string, unknown>,
): Promise<OutboxPage> {
  const entries = await listOutbox(deps, actor, { ...input, limit: MESSAGES_PER_PAGE + 1 })
  const page = entries.slice(0, MESSAGES_PER_PAGE)
  return {
    messages: await labelled(deps, page),
    olderThan: entries.length > MESSAGES_PER_PAGE ? (page[page.length - 1]?.id ?? null) : null,
  }
}

/** One message with its text, its case and conference named. */
export async function outboxMessagePage(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<OutboxMessage & Labelled> {
  const message = await showOutboxMessage(deps, actor, input)
  const [one] = await labelled(deps, [message])
  return one as OutboxMessage & Labelled
}
