import { describe, expect, test } from 'vitest'
import { addPerson } from '../../../src/app/cases/add-person.ts'
import { findPeople } from '../../../src/app/cases/find-people.ts'
import { updatePerson } from '../../../src/app/cases/update-person.ts'
import { Forbidden, NotFound, ValidationFailed } from '../../../src/app/errors.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeUser } from '../../support/factories.ts'
import { useCase } from '../../support/families.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const { socialWorker: worker } = useConferenceTeam(database)

const family = useCase(database, {
  familyName: 'Okonkwo',
  socialWorkerId: worker.userId,
  householdAddress: '4 Quarry Road, Eastbridge EB1 2CD',
  children: [
    { firstName: 'Chidi', dob: '2015-06-20' },
    { firstName: 'Ada', dob: '2019-11-02' },
  ],
  adults: [{ firstName: 'Ngozi', role: 'parent', dob: '1988-02-11' }],
})
const other = useCase(database, {
  familyName: 'Okafor',
  socialWorkerId: worker.userId,
  householdAddress: '77 Harbour Street, Westport WP3 9ZZ',
  children: [{ firstName: 'Chidera', dob: '2015-06-20' }],
  adults: [{ firstName: 'Emeka', role: 'carer', address: '2 Quarry Road, Eastbridge EB1 2CD' }],
})

const deps = () => makeDeps(database.db, 'kent_medway')

describe('addPerson', () => {
  test('adds a parent with parental responsibility for a child of the case, with its audit record', async () => {
    const person = await addPerson(deps(), worker, {
      caseId: family.id,
      role: 'parent',
      firstName: 'Obi',
      dateOfBirth: '1985-04-30',
      firstLanguage: 'Igbo',
      interpreterLanguage: 'Igbo',
      nationality: 'Nigerian',
      immigrationStatus: 'Indefinite leave to remain',
      parentalResponsibilityFor: [family.children[0]!.id],
    })
    expect(person).toMatchObject({
      caseId: family.id,
      role: 'parent',
      firstName: 'Obi',
      lastName: 'Okonkwo',
      interpreterLanguage: 'Igbo',
      immigrationStatus: 'Indefinite leave to remain',
    })
    const links = await database.db
      .selectFrom('parental_responsibility')
      .selectAll()
      .where('adult_id', '=', person.id)
      .execute()
    expect(links).toEqual([{ adult_id: person.id, child_id: family.children[0]!.id }])
    const audit = await auditRecord(database.db, person.id)
    expect(audit).toMatchObject({ action: 'person.added', case_id: family.id, actor_user_id: worker.userId })
  })

  test('[rule:D-PER-CHILD] adds an unborn child as a subject, with who holds parental responsibility', async () => {
    const person = await addPerson(deps(), worker, {
      caseId: family.id,
      role: 'child',
      firstName: 'Baby',
      expectedDateOfDelivery: '2026-10-01',
      subject: true,
      parentalResponsibilityHeldBy: [family.adults[0]!.id],
    })
    expect(person).toMatchObject({ role: 'unborn', expectedDateOfDelivery: '2026-10-01', isSubject: true })
  })

  test('refuses parental responsibility for a child of another case, naming the field, and writes nothing', async () => {
    const error = await refused(() =>
      addPerson(deps(), worker, {
        caseId: family.id,
        role: 'carer',
        firstName: 'Uche',
        parentalResponsibilityFor: [other.children[0]!.id],
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'parentalResponsibilityFor[0]', message: 'is not a person on this case' },
    ])
  })

  test('refuses a person with no first name and an unknown role, and writes nothing', async () => {
    const error = await refused(() => addPerson(deps(), worker, { caseId: family.id, role: 'uncle' }))
    expect(error).toBeInstanceOf(ValidationFailed)
    expect((error as ValidationFailed).issues[0]!.field).toBe('role')
    const missingName = await refused(() =>
      addPerson(deps(), worker, { caseId: family.id, role: 'parent', lastName: 'Okonkwo' }),
    )
    expect((missingName as ValidationFailed).issues).toEqual([{ field: 'firstName', message: 'is required' }])
  })

  test('refuses a case that does not exist', async () => {
    const error = await refused(() =>
      addPerson(deps(), worker, { caseId: crypto.randomUUID(), role: 'parent', firstName: 'Obi' }),
    )
    expect(error).toBeInstanceOf(NotFound)
  })
})

describe('updatePerson', () => {
  test('changes details with the record before and after in the audit log', async () => {
    const ada = family.children[1]!
    const updated = await updatePerson(deps(), worker, {
      personId: ada.id,
      changes: { firstLanguage: 'English', disability: 'Hearing impairment', gender: '' },
    })
    expect(updated).toMatchObject({
      firstLanguage: 'English',
      disability: 'Hearing impairment',
      gender: null,
    })
    const audit = await auditRecord(database.db, ada.id, 'person.updated')
    expect(audit.before).toMatchObject({ id: ada.id, firstLanguage: null, disability: null })
    expect(audit.after).toMatchObject({
      id: ada.id,
      firstLanguage: 'English',
      disability: 'Hearing impairment',
    })
  })

  test('[rule:D-PER-CHILD] a child made not a subject needs the reason; with it, the change is kept', async () => {
    const ada = family.children[1]!
    const error = await refused(() =>
      updatePerson(deps(), worker, { personId: ada.id, changes: { subject: false } }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'changes.notSubjectReason', message: expect.stringContaining('D-PER-CHILD') },
    ])
    const updated = await updatePerson(deps(), worker, {
      personId: ada.id,
      changes: { subject: false, notSubjectReason: 'Lives with her father; seen and no concerns' },
    })
    expect(updated).toMatchObject({
      isSubject: false,
      notSubjectReason: 'Lives with her father; seen and no concerns',
    })
    const back = await updatePerson(deps(), worker, { personId: ada.id, changes: { subject: true } })
    expect(back).toMatchObject({ isSubject: true, notSubjectReason: null })
  })

  test('refuses an impossible date of birth and a blank first name, naming each field', async () => {
    const error = await refused(() =>
      updatePerson(deps(), worker, {
        personId: family.adults[0]!.id,
        changes: { dateOfBirth: '1988-13-01', firstName: ' ' },
      }),
    )
    expect((error as ValidationFailed).issues).toEqual(
      expect.arrayContaining([
        { field: 'changes.firstName', message: 'is required' },
        { field: 'changes.dateOfBirth', message: '1988-13-01 is not a date that exists' },
      ]),
    )
  })

  test('refuses giving an unborn child a date of birth: that is the birth, recorded as an event', async () => {
    const unborn = await database.db
      .selectFrom('people')
      .select('id')
      .where('case_id', '=', family.id)
      .where('role', '=', 'unborn')
      .executeTakeFirstOrThrow()
    const error = await refused(() =>
      updatePerson(deps(), worker, { personId: unborn.id, changes: { dateOfBirth: '2026-04-20' } }),
    )
    expect((error as ValidationFailed).issues[0]).toMatchObject({ field: 'changes.dateOfBirth' })
  })
})

describe('findPeople', () => {
  test('finds people by part of their name, across cases, with each case', async () => {
    const found = await findPeople(deps(), worker, { name: 'chid' })
    expect(found.truncated).toBe(false)
    expect(found.people.map((p) => `${p.firstName} ${p.lastName} ${p.caseReference}`).sort()).toEqual(
      [`Chidera Okafor ${other.reference}`, `Chidi Okonkwo ${family.reference}`].sort(),
    )
  })

  test('finds by first and last name together, by date of birth, and by address (own or household)', async () => {
    const both = await findPeople(deps(), worker, { name: 'chidi okonkwo' })
    expect(both.people.map((p) => p.firstName)).toEqual(['Chidi'])
    const born = await findPeople(deps(), worker, { dateOfBirth: '2015-06-20' })
    expect(born.people.map((p) => p.firstName).sort()).toEqual(['Chidera', 'Chidi'])
    const street = await findPeople(deps(), worker, { address: 'quarry road' })
    expect(street.people.map((p) => p.firstName).sort()).toEqual(
      expect.arrayContaining(['Ada', 'Chidi', 'Emeka', 'Ngozi']),
    )
    expect(street.people.map((p) => p.firstName)).not.toContain('Chidera')
    const narrowed = await findPeople(deps(), worker, { name: 'chid', address: 'Harbour' })
    expect(narrowed.people.map((p) => p.firstName)).toEqual(['Chidera'])
  })

  test('a search for "%" matches the character, not everything', async () => {
    const found = await findPeople(deps(), worker, { name: '%%' })
    expect(found.people).toEqual([])
  })

  test('needs something to search for, and staff to search', async () => {
    await expect(findPeople(deps(), worker, {})).rejects.toThrow(ValidationFailed)
    await expect(findPeople(deps(), worker, { dateOfBirth: '2015-02-29' })).rejects.toThrow(
      /2015-02-29 is not a date that exists/,
    )
    const parent = await makeUser(database.db, 'parent_carer')
    await expect(findPeople(deps(), parent, { name: 'Chidi' })).rejects.toThrow(Forbidden)
  })
})
