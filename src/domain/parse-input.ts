import type { z } from 'zod'
import { fieldPath, type Issue, type Parsed } from './issues.ts'

/** Every problem zod found, each as the field's path and a plain-English message. */
export function issuesOf(error: z.ZodError): Issue[] {
  const issues: Issue[] = []
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ field: fieldPath([...issue.path, key]), message: `"${key}" is not a field here` })
      continue
    }
    const field = fieldPath(issue.path)
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message
    issues.push({ field: field === '' ? '(body)' : field, message })
  }
  return issues
}

/** Checks input against a schema: the value, or every problem at once, each naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input, { reportInput: true })
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesOf(result.error) }
}
