import { describe, expect, test } from 'vitest'
import { Forbidden, ValidationFailed } from '../../../src/app/errors.ts'
import { saveChecklistItem, savePracticeNote } from '../../../src/app/meeting/meeting-notes.ts'
import { meetingRecord } from '../../../src/app/meeting/meeting-record.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import {
  chairedConference,
  DURING_MEETING,
  refusedWithMeetingUnchanged,
} from '../../support/meeting-fixtures.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const depsFor = (profileId: string) => makeDeps(database.db, profileId, DURING_MEETING)

describe("the chair's checklist", () => {
  test('[rule:CH-CONDUCT@london,kent_medway,york,wakefield] the items are the procedure’s, in its words, with its citation', async () => {
    const chair = await makeUser(database.db, 'chair')
    const seen: Record<string, unknown> = {}
    for (const profileId of ['london', 'kent_medway', 'york', 'wakefield']) {
      const conference = await makeConference(database.db, { chairId: chair.userId })
      const record = await meetingRecord(depsFor(profileId), chair, { conferenceId: conference.id })
      const checklist = record.openingChecklist
      expect(checklist.applies).toBe(true)
      seen[profileId] = {
        source: checklist.source,
        total: checklist.total,
        first: checklist.items[0]?.text,
        stages: [...new Set(checklist.items.map((item) => item.when))],
      }
    }
    expect(seen).toEqual({
      london: {
        source: 'London 8.9.5-8.9.6',
        total: 17,
        first: 'Set out the purpose of the conference.',
        stages: ['start', 'during', 'end'],
      },
      kent_medway: {
        source: 'Kent §13.2-13.3',
        total: 18,
        first: 'Set out the purpose of the conference.',
        stages: ['start', 'during', 'end'],
      },
      york: {
        source: "York 'Chairing the conference'; 'Structure of the conference'",
        total: 14,
        first: 'Meet the child and family members before the conference.',
        stages: ['before', 'start', 'during', 'end'],
      },
      wakefield: {
        source: "Wakefield 'The Child Protection Conference process'",
        total: 2,
        first: 'Clarify why the conference has been arranged.',
        stages: ['start', 'during'],
      },
    })
  })

  test('[rule:CH-CONDUCT@kent_medway] items are saved one at a time, each kept with its note, by whom and when', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const deps = depsFor('kent_medway')
    await saveChecklistItem(deps, chair, {
      conferenceId: conference.id,
      itemId: 'confidentiality',
      done: true,
    })
    const answer = await saveChecklistItem(deps, chair, {
      conferenceId: conference.id,
      itemId: 'equal_opportunities',
      done: true,
      note: 'Father reminded that threatening language will not be tolerated.',
    })
    expect(answer.done).toBe(2)
    expect(answer.items.find((item) => item.id === 'confidentiality')?.saved).toEqual({
      done: true,
      note: null,
      savedAt: '2026-05-12T11:00:00.000Z',
      savedBy: chair.userId,
    })
    expect(answer.items.find((item) => item.id === 'equal_opportunities')?.saved?.note).toBe(
      'Father reminded that threatening language will not be tolerated.',
    )
    const undone = await saveChecklistItem(deps, chair, {
      conferenceId: conference.id,
      itemId: 'confidentiality',
      done: false,
    })
    expect(undone.done).toBe(1)
  })

  test('items saved at the same moment by two people are both kept', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const deps = depsFor('london')
    await Promise.all(
      ['purpose', 'agenda', 'confidentiality', 'contributions'].map((itemId) =>
        saveChecklistItem(deps, chair, { conferenceId: conference.id, itemId, done: true }),
      ),
    )
    const record = await meetingRecord(deps, chair, { conferenceId: conference.id })
    expect(record.openingChecklist.done).toBe(4)
  })

  test('[rule:CH-CONDUCT@london] an item the procedure does not list is refused, naming it; nothing is written', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      saveChecklistItem(depsFor('london'), chair, {
        conferenceId: conference.id,
        itemId: 'signs_of_safety',
        done: true,
      }),
    )
    expect(refusal).toBeInstanceOf(ValidationFailed)
    expect((refusal as ValidationFailed).issues).toEqual([
      {
        field: 'itemId',
        message: `"signs_of_safety" is not an item of the chair's checklist in this procedure (London 8.9.5-8.9.6)`,
      },
    ])
    const badInput = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      saveChecklistItem(depsFor('london'), chair, {
        conferenceId: conference.id,
        itemId: 'purpose',
        done: 'yes',
      }),
    )
    expect(fieldsOf(badInput)).toEqual(['done'])
  })

  test('[rule:CH-CONDUCT@staffs_stoke] where the procedure is silent there is no checklist, and it says so', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const record = await meetingRecord(depsFor('staffs_stoke'), chair, { conferenceId: conference.id })
    expect(record.openingChecklist).toEqual({
      applies: false,
      says: "The procedure is silent on the chair's conduct of the meeting: there is no checklist.",
      source: null,
      items: [],
      done: 0,
      total: 0,
    })
    const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      saveChecklistItem(depsFor('staffs_stoke'), chair, {
        conferenceId: conference.id,
        itemId: 'purpose',
        done: true,
      }),
    )
    expect(fieldsOf(refusal)).toEqual(['itemId'])
  })

  test('only the chair ticks the checklist', async () => {
    const administrator = await makeUser(database.db, 'conference_administrator')
    const conference = await makeConference(database.db)
    await expect(
      saveChecklistItem(depsFor('london'), administrator, {
        conferenceId: conference.id,
        itemId: 'purpose',
        done: true,
      }),
    ).rejects.toBeInstanceOf(Forbidden)
  })
})

describe("the practice model's headings", () => {
  test('[rule:G-APPROACH@kent_medway] Kent: Signs of Safety, with worries, what is working well, danger statements, safety goals and scaling 0 to 10', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const deps = depsFor('kent_medway')
    await savePracticeNote(deps, chair, {
      conferenceId: conference.id,
      headingId: 'danger_statements',
      text: 'Social care is worried that the baby will be shaken when the father is drunk.',
    })
    const notes = await savePracticeNote(deps, chair, {
      conferenceId: conference.id,
      headingId: 'scaling',
      score: 3,
      text: 'Health visitor 3, school 4, mother 7.',
    })
    expect(notes.model).toBe('Signs of Safety')
    expect(notes.source).toBe('Kent §13.3; §11.2')
    expect(notes.headings.map((heading) => heading.id)).toEqual([
      'worries',
      'working_well',
      'danger_statements',
      'safety_goals',
      'scaling',
    ])
    expect(notes.headings.find((heading) => heading.id === 'scaling')?.scale).toEqual({ min: 0, max: 10 })
    expect(notes.notes.scaling).toMatchObject({ score: 3, text: 'Health visitor 3, school 4, mother 7.' })
    expect(notes.notes.danger_statements?.text).toMatch(/^Social care is worried/)
    const again = await savePracticeNote(deps, chair, {
      conferenceId: conference.id,
      headingId: 'scaling',
      score: 4,
    })
    expect(again.notes.scaling).toMatchObject({ score: 4, text: null })
    expect(again.notes.danger_statements?.text).toMatch(/^Social care is worried/)
  })

  test('[rule:G-APPROACH@kent_medway] a score outside 0 to 10, or a score on a heading that is not a scale, is refused; nothing is written', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const deps = depsFor('kent_medway')
    const high = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      savePracticeNote(deps, chair, {
        conferenceId: conference.id,
        headingId: 'scaling',
        score: 11,
      }),
    )
    expect((high as ValidationFailed).issues).toEqual([
      { field: 'score', message: 'must be a whole number from 0 to 10 (Signs of Safety)' },
    ])
    const notScale = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      savePracticeNote(deps, chair, {
        conferenceId: conference.id,
        headingId: 'worries',
        score: 2,
      }),
    )
    expect(fieldsOf(notScale)).toEqual(['score'])
    const empty = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      savePracticeNote(deps, chair, {
        conferenceId: conference.id,
        headingId: 'worries',
      }),
    )
    expect(fieldsOf(empty)).toEqual(['text'])
    const unknown = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      savePracticeNote(deps, chair, {
        conferenceId: conference.id,
        headingId: 'smart',
        text: 'x',
      }),
    )
    expect(fieldsOf(unknown)).toEqual(['headingId'])
  })

  test('[rule:G-APPROACH@york,wakefield] York’s outcome-focused SMART planning and Wakefield’s solution-focused meeting have their own headings', async () => {
    const administrator = await makeUser(database.db, 'conference_administrator')
    const models = [
      {
        profileId: 'york',
        note: { headingId: 'outcomes', text: 'Jay attends school every day and is collected on time.' },
        model: 'Outcome focused and SMART planning',
        headings: ['outcomes', 'what_must_change', 'short_term_aims', 'longer_term_aims', 'monitoring'],
        says: /who does what, by when/,
      },
      {
        profileId: 'wakefield',
        note: { headingId: 'going_well', text: 'Grandmother visits daily.' },
        model: 'Solution-focused meeting',
        headings: ['concerns', 'going_well', 'child_views', 'actions'],
        says: /guide that is not in this document/,
      },
    ]
    for (const { profileId, note, model, headings, says } of models) {
      const notes = await savePracticeNote(depsFor(profileId), administrator, {
        conferenceId: (await makeConference(database.db)).id,
        ...note,
      })
      expect(notes.model, profileId).toBe(model)
      expect(notes.headings.map((heading) => heading.id)).toEqual(headings)
      expect(notes.note).toMatch(says)
    }
  })

  test('[rule:G-APPROACH@london,staffs_stoke] where the procedure names no model the notes use plain headings and say so', async () => {
    const chair = await makeUser(database.db, 'chair')
    for (const profileId of ['london', 'staffs_stoke']) {
      const notes = await savePracticeNote(depsFor(profileId), chair, {
        conferenceId: (await makeConference(database.db, { chairId: chair.userId })).id,
        headingId: 'concerns',
        text: 'Neglect of the home and of the children’s health.',
      })
      expect(notes).toMatchObject({
        model: null,
        says: 'The procedure names no practice model: the notes use plain headings.',
        source: null,
        note: null,
      })
      expect(notes.headings.map((heading) => heading.id)).toEqual([
        'concerns',
        'strengths',
        'child_views',
        'family_views',
        'summary',
      ])
    }
  })
})
