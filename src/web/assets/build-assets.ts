import { copyFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compile } from 'sass'
import { PROJECT_ROOT } from '../../procedure-library.ts'

/** Where the built assets go (gitignored), served at /build/. */
export const BUILD_DIR = join(PROJECT_ROOT, 'public', 'build')
export const STYLESHEET = 'convene.css'
const BUILT_FILES = [STYLESHEET, 'govuk-frontend.min.js', 'init.mjs', 'meeting-drafts.mjs'] as const
const SASS_ENTRY = join(PROJECT_ROOT, 'src', 'web', 'assets', 'convene.scss')
const GOVUK_DIST = join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk')

export interface BuiltAssets {
  dir: string
  files: { name: string; bytes: number }[]
}

/** Writes through a temporary file, so a server never serves half a stylesheet. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, text)
  renameSync(temporary, file)
}

/** Compiles the stylesheet and copies GOV.UK Frontend's script beside it. */
export function buildAssets(dir: string = BUILD_DIR): BuiltAssets {
  mkdirSync(dir, { recursive: true })
  const css = compile(SASS_ENTRY, {
    loadPaths: [join(PROJECT_ROOT, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  }).css
  writeAtomically(join(dir, STYLESHEET), css)
  copyFileSync(join(GOVUK_DIST, 'govuk-frontend.min.js'), join(dir, 'govuk-frontend.min.js'))
  copyFileSync(join(PROJECT_ROOT, 'src', 'web', 'assets', 'init.mjs'), join(dir, 'init.mjs'))
  copyFileSync(
    join(PROJECT_ROOT, 'src', 'web', 'assets', 'meeting-drafts.mjs'),
    join(dir, 'meeting-drafts.mjs'),
  )
  return {
    dir,
    files: BUILT_FILES.map((name) => ({ name, bytes: statSync(join(dir, name)).size })),
  }
}

/** Builds the assets only when the stylesheet is not there yet (the server calls this at start). */
export function ensureAssets(dir: string = BUILD_DIR): BuiltAssets | null {
  const complete = BUILT_FILES.every((name) => existsSync(join(dir, name)))
  return complete ? null : buildAssets(dir)
}
