import { appendAudit } from '../../db/audit.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { recordFailedSignIn, type SignInRecord } from '../../db/user.repository.ts'
import type { Trx } from '../use-case.ts'
import { LOCK_MINUTES, lockAfterFailure } from './sign-in-rules.ts'

/**
 * Records a refused sign-in in the audit log and, for a known account that failed on its password or
 * code, counts it: the fifth in a row locks the account and tells its owner by email.
 */
export async function recordRefusedSignIn(
  trx: Trx,
  refusal: {
    email: string
    reason: string
    record?: SignInRecord | undefined
    countsTowardLock: boolean
    now: Date
    fromAddress?: string | undefined
  },
): Promise<{ locked: boolean }> {
  const { record } = refusal
  await appendAudit(trx, {
    actor: record
      ? { userId: record.user.id, label: record.user.displayName }
      : { userId: null, label: `sign-in attempt as ${refusal.email.slice(0, 250)}` },
    action: 'sign_in.refused',
    subject: { type: 'user', id: record?.user.id ?? null },
    after: { email: refusal.email, reason: refusal.reason },
    fromAddress: refusal.fromAddress ?? null,
  })
  if (!record || !refusal.countsTowardLock) return { locked: false }
  const lockUntil = lockAfterFailure(record.failedSignIns, refusal.now)
  await recordFailedSignIn(trx, record.user.id, lockUntil)
  if (!lockUntil) return { locked: false }
  await appendAudit(trx, {
    actor: { userId: null, label: 'system' },
    action: 'user.locked',
    subject: { type: 'user', id: record.user.id },
    after: { lockedUntil: lockUntil.toISOString(), after: refusal.reason },
    fromAddress: refusal.fromAddress ?? null,
  })
  await enqueueMessage(trx, {
    kind: 'account_locked',
    to: { address: record.user.email, name: record.user.displayName },
    subject: 'Your Convene account has been locked for 15 minutes',
    bodyText: [
      `Dear ${record.user.displayName},`,
      '',
      `Someone entered a wrong password or code for your Convene account 5 times in a row, so the account is locked for ${LOCK_MINUTES} minutes.`,
      '',
      'If this was you, wait and try again. If it was not you, tell your system administrator today.',
    ].join('\n'),
  })
  return { locked: true }
}
