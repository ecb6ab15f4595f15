import type { Migration } from 'kysely/migration'
import { foundation } from './0001-foundation.ts'
import { conferences } from './0002-conferences.ts'
import { invitationDetails } from './0003-invitation-details.ts'
import { meetingDecisions } from './0004-meeting-decisions.ts'
import { conferenceOverview } from './0005-conference-overview.ts'
import { logChain } from './0006-log-chain.ts'
import { signInSecurity } from './0007-sign-in-security.ts'
import { passwordResets } from './0008-password-resets.ts'
import { identityProvider } from './0009-identity-provider.ts'
import { parentalResponsibilityByChild } from './0010-parental-responsibility-by-child.ts'
import { caseRelationships } from './0011-case-relationships.ts'
import { partnerLinksAndFiles } from './0012-partner-links-and-files.ts'
import { familyAccounts } from './0013-family-accounts.ts'
import { enquiriesAndDisclosures } from './0014-enquiries-and-disclosures.ts'
import { chairConnectionsAndWholeReportWithholding } from './0015-chair-connections-and-whole-report-withholding.ts'

/**
 * Every migration, in the order they run. Kysely applies them by name, so a new one is added at the
 * end with the next number; a migration that has run on any database is never edited.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-foundation': foundation,
  '0002-conferences': conferences,
  '0003-invitation-details': invitationDetails,
  '0004-meeting-decisions': meetingDecisions,
  '0005-conference-overview': conferenceOverview,
  '0006-log-chain': logChain,
  '0007-sign-in-security': signInSecurity,
  '0008-password-resets': passwordResets,
  '0009-identity-provider': identityProvider,
  '0010-parental-responsibility-by-child': parentalResponsibilityByChild,
  '0011-case-relationships': caseRelationships,
  '0012-partner-links-and-files': partnerLinksAndFiles,
  '0013-family-accounts': familyAccounts,
  '0014-enquiries-and-disclosures': enquiriesAndDisclosures,
  '0015-chair-connections-and-whole-report-withholding': chairConnectionsAndWholeReportWithholding,
}
