/** One thing wrong with an input: the field, as a path into it, and a plain-English message. */
export interface Issue {
  field: string
  message: string
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }

/** Turns a path such as ['events', 0, 'date'] into "events[0].date". */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`
    else text += text === '' ? String(part) : `.${String(part)}`
  }
  return text
}
