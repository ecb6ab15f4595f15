/**
 * Builds the browser assets into public/build/ (gitignored): Convene's stylesheet compiled from
 * GOV.UK Frontend's Sass with Arial (not GOV.UK's typeface), and GOV.UK Frontend's optional script.
 * Runs after `npm install` (postinstall); the server also builds them at start when they are missing.
 *   npx tsx scripts/build-assets.ts
 */
import { buildAssets } from '../src/web/assets/build-assets.ts'

const started = performance.now()
const built = buildAssets()
const files = built.files.map((file) => `${file.name} (${Math.ceil(file.bytes / 1024)} KiB)`).join(', ')
process.stdout.write(`Built ${files} into ${built.dir} in ${Math.round(performance.now() - started)} ms\n`)
