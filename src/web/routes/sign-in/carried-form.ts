import { safeNext } from '../../navigation.ts'

/**
 * A form that was posted after its session had ended: the address it went to and what was typed,
 * carried through the sign-in page so that nothing typed is lost. It travels only between the
 * person's own browser and the service, as hidden fields, and is never stored.
 */
export interface CarriedForm {
  action: string
  fields: [string, string][]
}

const MAX_CARRIED_BYTES = 512 * 1024

/** What a form post carried, less its spent CSRF token; null where there is nothing to carry. */
export function carryForm(url: string, body: unknown): CarriedForm | null {
  const action = safeNext(url)
  if (!action || typeof body !== 'object' || body === null) return null
  const fields: [string, string][] = []
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue
    for (const one of Array.isArray(value) ? value : [value])
      if (typeof one === 'string') fields.push([name, one])
  }
  return fields.length > 0 ? { action, fields } : null
}

export function encodeCarriedForm(form: CarriedForm): string {
  return Buffer.from(JSON.stringify(form), 'utf8').toString('base64url')
}

/** The carried form from the sign-in page's hidden field, or null if it is missing or not one. */
export function decodeCarriedForm(text: unknown): CarriedForm | null {
  if (typeof text !== 'string' || text === '' || text.length > MAX_CARRIED_BYTES) return null
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<CarriedForm>
    const action = safeNext(value.action)
    if (!action || !Array.isArray(value.fields)) return null
    const fields = value.fields.filter(
      (pair): pair is [string, string] =>
        Array.isArray(pair) &&
        pair.length === 2 &&
        typeof pair[0] === 'string' &&
        typeof pair[1] === 'string',
    )
    return { action, fields }
  } catch {
    return null
  }
}
