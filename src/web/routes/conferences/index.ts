import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { requireSignIn } from '../../plugins/auth.ts'
import { attendanceRoutes } from './attendance.ts'
import { bookingRoutes } from './booking.ts'
import { exclusionRoutes } from './exclusions.ts'
import { homeRoutes } from './home.ts'
import { invitationRoutes } from './invitations.ts'
import { quorumRoutes } from './quorum.ts'
import { reportRoutes } from './reports.ts'
import { taskListRoutes } from './task-list.ts'

/**
 * The conference administrator's pages: the home page of open conferences, booking, rebooking and
 * cancelling, and each conference's preparation (its task list, invitations and who attends, reports
 * and the quorum expected). The meeting itself (/conferences/:conferenceId/meeting) is the chair's.
 * Who may see or do what is decided by the use-cases.
 */
export async function conferenceRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)
  homeRoutes(app, deps)
  bookingRoutes(app, deps)
  taskListRoutes(app, deps)
  invitationRoutes(app, deps, { publicUrl: web.config.publicUrl })
  attendanceRoutes(app, deps)
  exclusionRoutes(app, deps)
  reportRoutes(app, deps)
  quorumRoutes(app, deps)
}
