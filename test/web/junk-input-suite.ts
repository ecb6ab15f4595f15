import { beforeAll, describe, test } from 'vitest'
import {
  checkValidForm,
  entryName,
  type FormEntry,
  type JunkContext,
  junkEachField,
  makeCast,
} from './junk-input-support.ts'
import { useServiceApp } from './service-support.ts'

/**
 * The junk tests of a group of forms on one service: for each form, its filled-in form is accepted and the
 * page names no input the entry leaves out; then junk in any one field is refused naming that field, or
 * accepted, and never answered with a 500.
 */
export function describeJunkForms(
  forms: readonly FormEntry[],
  options: Parameters<typeof useServiceApp>[0],
): void {
  const service = useServiceApp(options)
  let ctx: JunkContext

  beforeAll(async () => {
    ctx = { service, cast: await makeCast(service) }
  }, 60_000)

  for (const entry of forms)
    describe(entryName(entry), () => {
      test('its form as filled in is accepted, and the entry names every input of the page', () =>
        checkValidForm(ctx, entry))
      test(
        'junk in any one field is refused naming that field, or accepted; never a 500',
        () => junkEachField(ctx, entry),
        300_000,
      )
    })
}
