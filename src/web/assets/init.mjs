// Optional enhancement: the pages work without JavaScript. Loaded as a module, so only browsers
// that GOV.UK Frontend supports run it.
import { initAll } from './govuk-frontend.min.js'

initAll()
