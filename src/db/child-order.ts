import { type RawBuilder, sql } from 'kysely'

/**
 * The one order in which every list shows a case's or a conference's children: born children
 * oldest first, unborn children after them by expected date of delivery, then by last and first
 * name; the record id only settles two children alike in all of these, so a list reads the same on
 * every load. `people` is the alias of the people table in the query.
 */
export function childOrder(people: string): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${people}.${name}`)
  return sql`(${column('date_of_birth')} is null), ${column('date_of_birth')}, ${column('expected_date_of_delivery')}, ${column('last_name')}, ${column('first_name')}, ${column('id')}`
}
