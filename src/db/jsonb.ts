import { type RawBuilder, sql } from 'kysely'

/** A value as it comes back from a jsonb column. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** A jsonb object, as it comes back. */
export type JsonObject = { [key: string]: JsonValue }

/** A jsonb value where it is an object; null where it is anything else (null, an array, a scalar). */
export function jsonObjectOrNull(value: JsonValue | null | undefined): JsonObject | null {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value)
    ? value
    : null
}

/** What may be written to a jsonb column: dates become ISO strings, undefined properties are left out. */
export type JsonInput =
  | string
  | number
  | boolean
  | null
  | Date
  | readonly JsonInput[]
  | { readonly [key: string]: JsonInput | undefined }

/**
 * The type of a value written through `jsonb()`. A jsonb column accepts only this, so a plain object
 * or array cannot reach the driver: node-postgres would turn a JavaScript array into a PostgreSQL
 * array literal, which is not JSON.
 */
export interface JsonbParameter<T> {
  readonly jsonbOf: T
}

/** A value for a jsonb column, sent as JSON text and cast by the database, the same on both drivers. */
export function jsonb<T extends JsonInput>(value: T): RawBuilder<JsonbParameter<T>> {
  const text = JSON.stringify(value)
  if (text === undefined) throw new TypeError('jsonb: the value cannot be written as JSON')
  return sql<JsonbParameter<T>>`cast(${text}::text as jsonb)`
}
