import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'

/** How someone has worked on a case, as the record shows it. */
export type CaseWorkRole =
  | 'social_worker'
  | 'team_manager'
  | 'lead_social_worker'
  | 'requested_conference'
  | 'authorised_conference'

export interface CaseWork {
  userId: string
  name: string
  role: CaseWorkRole
  /** Whether they do it now (the allocated worker or manager) or did before. */
  current: boolean
}

const HOW: Record<CaseWorkRole, string> = {
  social_worker: 'the case’s social worker',
  team_manager: 'the case’s team manager',
  lead_social_worker: 'a lead social worker for a child on this case',
  requested_conference: 'the practitioner who asked for a conference on this case',
  authorised_conference: 'the manager who decided on a request to convene on this case',
}

/**
 * A chair must be independent of the case (CH-INDEPENDENCE): nobody who is or has been its social
 * worker or their line manager. Convene refuses such a chair in every council; the reason cites the
 * procedure's own rule where it has one and says the procedure is silent where it has none.
 */
export function chairIndependenceIssues(
  chairId: string,
  work: readonly CaseWork[],
  profile: Profile,
  field = 'chairId',
): Issue[] {
  const theirs = work.filter((entry) => entry.userId === chairId)
  const first = theirs.find((entry) => entry.current) ?? theirs[0]
  if (!first) return []
  const rule = profile.rules['CH-INDEPENDENCE']
  const because =
    rule && rule.status !== 'silent' && rule.source
      ? `a chair must be independent of the case's management (CH-INDEPENDENCE, ${rule.source})`
      : 'a chair must be independent of the case’s management (CH-INDEPENDENCE: the procedure is silent, and Convene keeps chairs independent in every council)'
  return [
    {
      field,
      message: `choose another chair: ${first.name} ${first.current ? 'is' : 'has been'} ${HOW[first.role]}, and ${because}`,
    },
  ]
}
