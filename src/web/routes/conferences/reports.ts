import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type ConferencePreparation,
  conferencePreparation,
  type ReportEntry,
} from '../../../app/conferences/conference-preparation.ts'
import type { ReportRules } from '../../../app/conferences/report-timing.ts'
import { recordReportShared, SHARED_HOW } from '../../../app/reports/record-report-shared.ts'
import { requestReport } from '../../../app/reports/request-report.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import {
  activeStaffWithRoles,
  CHOICE_LIST_LIMIT,
  professionalsOnRecord,
} from '../../../db/directory.repository.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { actorFor, signedInWith } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { type FormError, type FormValues, readDate } from '../deadlines/form-fields.ts'
import { dateInWords } from '../deadlines/present-answer.ts'
import { attempt, bodyOf, type FieldLabels, field, formView, given } from './form-support.ts'
import { agencyWords, conferenceHeader, conferencePath, deadlineNote, ruleNote } from './present.ts'

/**
 * The reports for a conference (/conferences/:conferenceId/reports): the engine's dates for the social
 * worker's and the agencies' reports with their citations, each report asked for with its state (due,
 * late, received, shared with the family and how), asking for a report, and recording that a report
 * was shared with the family (…/reports/:reportId/shared). Writing a report is on /reports/:reportId.
 */

type Params = { conferenceId: string }

const SHARED_HOW_WORDS: Record<string, string> = {
  in_person: 'In person',
  email: 'By email',
  post: 'By post',
  by_hand: 'By hand',
  secure_portal: 'Through the secure portal',
  phone: 'By phone (read out)',
}

const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  requested: { text: 'Asked for', classes: 'govuk-tag--grey' },
  draft: { text: 'Being written', classes: 'govuk-tag--light-blue' },
  submitted: { text: 'Received', classes: 'govuk-tag--green' },
  late: { text: 'Late', classes: 'govuk-tag--red' },
}

const REQUEST_LABELS: FieldLabels = {
  conferenceId: { label: 'The conference', anchor: 'who' },
  kind: { label: 'Kind of report', anchor: 'who' },
  userId: { label: 'The social worker', anchor: 'who' },
  professionalId: { label: 'The professional', anchor: 'who' },
}

function rulesView(rules: ReportRules, profile: Profile) {
  return {
    deadlines: rules.deadlines.map((deadline) => deadlineNote(deadline, profile)),
    silent: rules.silent.map(ruleNote),
  }
}

function reportRow(entry: ReportEntry, rules: ConferencePreparation['reportRules'], profile: Profile) {
  const { report, timing } = entry
  const receiveBy = rules[report.kind].receiveBy
  return {
    id: report.id,
    href: `/reports/${report.id}`,
    author: report.authorName,
    kind: report.kind === 'social_worker' ? 'Social work report' : `${agencyWords(report.agency)} report`,
    askedOn: report.requestedAt ? dateInWords(report.requestedAt.toISOString().slice(0, 10)) : '',
    due: receiveBy ? deadlineNote(receiveBy, profile) : null,
    status: timing.late ? STATUS_TAGS.late : STATUS_TAGS[report.status],
    received: report.receivedAt ? dateInWords(report.receivedAt.toISOString().slice(0, 10)) : null,
    submitted: report.status === 'submitted',
    shared: report.sharedWithFamilyOn
      ? `${dateInWords(report.sharedWithFamilyOn)}, ${(SHARED_HOW_WORDS[report.sharedHow ?? ''] ?? report.sharedHow ?? '').toLowerCase()}`
      : null,
    shareLate: timing.shareLate,
    withheld: entry.withholdings.filter((withholding) => withholding.section !== null).length,
    withheldWhole: entry.withholdings.some((withholding) => withholding.section === null),
    action: conferencePath(report.conferenceId, `reports/${report.id}/shared`),
  }
}

export function reportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const load = (request: FastifyRequest) =>
    conferencePreparation(deps, actorFor(request), {
      conferenceId: (request.params as Params).conferenceId,
    })

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    forms: {
      request?: { values: FormValues; errors: FormError[] }
      share?: { reportId: string; values: FormValues; errors: FormError[] }
    } = {},
  ) => {
    const profile = councilProfile(deps)
    const requestForm = formView(forms.request?.values ?? {}, forms.request?.errors ?? [])
    const shareForm = formView(forms.share?.values ?? {}, forms.share?.errors ?? [])
    const allocated = preparation.case.socialWorkerId
    const workers = await activeStaffWithRoles(deps.db, ['social_worker'], { limit: CHOICE_LIST_LIMIT })
    const professionals = await professionalsOnRecord(deps.db)
    const who = requestForm.values.who ?? ''
    const done = (request.query as { done?: string }).done
    return renderPage(request, reply, 'pages/conferences/reports.njk', {
      pageTitle: 'Reports',
      errorList: [...requestForm.errorList, ...shareForm.errorList],
      requestForm,
      shareForm,
      shareFor: forms.share?.reportId ?? null,
      done:
        done === 'requested'
          ? 'The report has been asked for.'
          : done === 'shared'
            ? 'The sharing has been recorded.'
            : null,
      header: conferenceHeader(preparation),
      datesUnknown: preparation.datesUnknown,
      socialWorkerRules: rulesView(preparation.reportRules.social_worker, profile),
      agencyRules: rulesView(preparation.reportRules.agency, profile),
      socialWorkerDue: preparation.reportRules.social_worker.receiveBy
        ? deadlineNote(preparation.reportRules.social_worker.receiveBy, profile)
        : null,
      agencyDue: preparation.reportRules.agency.receiveBy
        ? deadlineNote(preparation.reportRules.agency.receiveBy, profile)
        : null,
      reports: preparation.reports.map((entry) => reportRow(entry, preparation.reportRules, profile)),
      mayRequest: signedInWith(request, 'conference_administrator', 'chair'),
      mayShare: signedInWith(request, 'conference_administrator', 'social_worker'),
      open: preparation.conference.status !== 'finalised' && preparation.conference.status !== 'cancelled',
      whoItems: [
        { value: '', text: 'Choose who to ask' },
        ...workers.map((worker) => ({
          value: `user:${worker.id}`,
          text: `${worker.name} (social work report${worker.id === allocated ? ', the allocated social worker' : ''})`,
          selected: who === `user:${worker.id}`,
        })),
        ...professionals.map((professional) => ({
          value: `professional:${professional.id}`,
          text: `${professional.name} (${agencyWords(professional.agency)}${professional.hasEmail ? '' : ', no email address'})`,
          selected: who === `professional:${professional.id}`,
        })),
      ],
      howItems: SHARED_HOW.map((value) => ({ value, text: SHARED_HOW_WORDS[value] })),
      shareValues: shareForm.values,
    })
  }

  app.get('/conferences/:conferenceId/reports', async (request, reply) =>
    render(request, reply, await load(request)),
  )

  app.post('/conferences/:conferenceId/reports', async (request, reply) => {
    const { conferenceId } = request.params as Params
    const body = bodyOf(request)
    const who = field(body, 'who')
    const [kind, id] = who.split(':')
    const asked =
      who === ''
        ? {
            ok: false as const,
            errors: [{ name: 'who', href: '#who', message: 'Choose who to ask for a report' }],
          }
        : await attempt(
            () =>
              requestReport(deps, actorFor(request), {
                conferenceId,
                ...(kind === 'user'
                  ? { kind: 'social_worker', userId: id }
                  : { kind: 'agency', professionalId: id }),
              }),
            REQUEST_LABELS,
            'who',
          )
    if (!asked.ok) {
      reply.code(400)
      return render(request, reply, await load(request), {
        request: { values: { who }, errors: asked.errors.map((e) => ({ ...e, name: 'who' })) },
      })
    }
    return reply.redirect(`${conferencePath(conferenceId, 'reports')}?done=requested`, 303)
  })

  app.post('/conferences/:conferenceId/reports/:reportId/shared', async (request, reply) => {
    const { conferenceId, reportId } = request.params as Params & { reportId: string }
    const body = bodyOf(request)
    const values: FormValues = { how: field(body, 'how') }
    const sharedOn = readDate(body, 'sharedOn', 'The day it was shared', values)
    const labels: FieldLabels = {
      reportId: { label: 'The report', anchor: `sharedOn-${reportId}-day` },
      sharedOn: { label: 'The day it was shared', anchor: `sharedOn-${reportId}-day` },
      how: { label: 'How it was shared', anchor: `how-${reportId}` },
    }
    const preparation = await load(request)
    if (!preparation.reports.some((entry) => entry.report.id === reportId)) return reply.callNotFound()
    const shared = sharedOn.error
      ? {
          ok: false as const,
          errors: [
            { ...sharedOn.error, href: `#sharedOn-${reportId}-${sharedOn.error.parts?.[0] ?? 'day'}` },
          ],
        }
      : await attempt(
          () =>
            recordReportShared(deps, actorFor(request), {
              reportId,
              sharedOn: sharedOn.value,
              how: given(body, 'how'),
            }),
          labels,
          `sharedOn-${reportId}-day`,
        )
    if (!shared.ok) {
      reply.code(400)
      return render(request, reply, await load(request), {
        share: { reportId, values, errors: shared.errors },
      })
    }
    return reply.redirect(`${conferencePath(conferenceId, 'reports')}?done=shared#sharing`, 303)
  })
}
