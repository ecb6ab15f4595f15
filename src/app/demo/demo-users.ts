import type { Role } from '../actor.ts'

/**
 * The demo accounts: one or more for each role, all fictional, all with the one demo password, all
 * marked demo (the service refuses them when it is not in demo mode). The README lists them from here.
 */

/** The password of every demo account. Demo only. */
export const DEMO_PASSWORD = 'demo-password'

/** The fictional council's email domain; every demo account's address is under it. */
export const DEMO_EMAIL_DOMAIN = 'demo.convene.example'

/** The allocated team of both demo social workers, managed by the demo team manager. */
export const DEMO_TEAM = 'Larkford North Assessment Team (demo)'
/** The team of the demo chairs and the demo conference administrator. */
export const DEMO_SAFEGUARDING_TEAM = 'Larkford Safeguarding Unit (demo)'

export type DemoUserKey =
  | 'admin'
  | 'chair'
  | 'chair2'
  | 'socialWorker'
  | 'socialWorker2'
  | 'manager'
  | 'police'
  | 'health'
  | 'school'
  | 'parent'
  | 'parent2'
  | 'youngPerson'
  | 'advocate'
  | 'analyst'
  | 'sysadmin'

export interface DemoUser {
  key: DemoUserKey
  email: string
  displayName: string
  roles: readonly Role[]
  /** As the quorum and the invitation lists count agencies (src/domain/deadlines/facts.ts AGENCIES). */
  agency: string | null
  team: string | null
  /** What the account is for in the demo, in a sentence. */
  about: string
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'admin',
    email: `admin@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Alex Admin (demo)',
    roles: ['conference_administrator'],
    agency: 'childrens_social_care',
    team: DEMO_SAFEGUARDING_TEAM,
    about: 'Books conferences, sends invitations and asks for reports.',
  },
  {
    key: 'chair',
    email: `chair@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Casey Chair (demo)',
    roles: ['chair'],
    agency: 'childrens_social_care',
    team: DEMO_SAFEGUARDING_TEAM,
    about: 'Chairs the Fernside conference that is ready to hold, and chaired the Brightwater conference.',
  },
  {
    key: 'chair2',
    email: `chair2@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Jordan Chairperson (demo)',
    roles: ['chair'],
    agency: 'childrens_social_care',
    team: DEMO_SAFEGUARDING_TEAM,
    about: 'A second independent chair: the conferences being convened and the exclusion decision.',
  },
  {
    key: 'socialWorker',
    email: `social.worker@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Sam Worker (demo)',
    roles: ['social_worker'],
    agency: 'childrens_social_care',
    team: DEMO_TEAM,
    about: 'The allocated social worker of most demo families.',
  },
  {
    key: 'socialWorker2',
    email: `social.worker2@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Robin Caseworker (demo)',
    roles: ['social_worker'],
    agency: 'childrens_social_care',
    team: DEMO_TEAM,
    about: 'A second social worker in the same team, with families of their own.',
  },
  {
    key: 'manager',
    email: `manager@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Morgan Manager (demo)',
    roles: ['team_manager'],
    agency: 'childrens_social_care',
    team: DEMO_TEAM,
    about: 'Manages both demo social workers: authorises or declines requests for conferences.',
  },
  {
    key: 'police',
    email: `police@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'DC Pat Constable (demo)',
    roles: ['partner_practitioner'],
    agency: 'police',
    team: 'Larkford Police Safeguarding Hub (demo)',
    about: 'A police officer: replies to invitations, writes police reports, asks for an exclusion.',
  },
  {
    key: 'health',
    email: `health@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Harper Healthvisitor (demo)',
    roles: ['partner_practitioner'],
    agency: 'health_visiting',
    team: 'Larkford Health Visiting Service (demo)',
    about: 'A health visitor: replies to invitations and writes health reports.',
  },
  {
    key: 'school',
    email: `school@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Skyler Teacher (demo)',
    roles: ['partner_practitioner'],
    agency: 'school',
    team: 'Larkford Primary Academy (demo)',
    about: 'A designated safeguarding lead at school: replies to invitations and writes school reports.',
  },
  {
    key: 'parent',
    email: `parent@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Dana Fernside (demo)',
    roles: ['parent_carer'],
    agency: null,
    team: null,
    about: 'Dana Fernside, the mother in the Fernside family (the conference ready to hold).',
  },
  {
    key: 'parent2',
    email: `parent2@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Jamie Brightwater (demo)',
    roles: ['parent_carer'],
    agency: null,
    team: null,
    about:
      'Jamie Brightwater, the father in the Brightwater family (held, two siblings): a report with a part withheld from him, and the decision letter.',
  },
  {
    key: 'youngPerson',
    email: `young.person@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Kai Fernside (demo)',
    roles: ['child_young_person'],
    agency: null,
    team: null,
    about:
      'Kai Fernside, aged 14, one of the two children the Fernside conference is about: its reports without the part the chair withheld from the children.',
  },
  {
    key: 'advocate',
    email: `advocate@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Ash Advocate (demo)',
    roles: ['advocate'],
    agency: 'advocacy',
    team: 'Larkford Children’s Advocacy Service (demo)',
    about:
      'An independent advocate, invited as Kai and Mia Fernside’s advocate to the conference ready to hold: their meeting and reports, with a part of the social work report withheld from the advocate.',
  },
  {
    key: 'analyst',
    email: `analyst@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Avery Analyst (demo)',
    roles: ['performance_analyst'],
    agency: 'childrens_social_care',
    team: 'Larkford Performance Team (demo)',
    about: 'Sees the figures across every case, without the families’ details.',
  },
  {
    key: 'sysadmin',
    email: `sysadmin@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Sid Sysadmin (demo)',
    roles: ['system_administrator'],
    agency: null,
    team: 'Larkford Digital Services (demo)',
    about: 'Looks after accounts and the service, not cases.',
  },
]

/** The demo account with this key. */
export function demoUser(key: DemoUserKey): DemoUser {
  const user = DEMO_USERS.find((candidate) => candidate.key === key)
  if (!user) throw new Error(`no demo account ${key}`)
  return user
}
