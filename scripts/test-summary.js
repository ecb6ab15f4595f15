// Adds up the test runners' JSON reports into one closing line: "tests: N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? 'test-results/reports'
let passed = 0
let failed = 0
let skipped = 0
for (const name of existsSync(dir) ? readdirSync(dir) : []) {
  const report = JSON.parse(readFileSync(join(dir, name), 'utf8'))
  if (name.startsWith('vitest')) {
    passed += report.numPassedTests ?? 0
    failed += report.numFailedTests ?? 0
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
    if (report.success === false && (report.numFailedTests ?? 0) === 0)
      failed += report.numFailedTestSuites || 1
  } else if (name.startsWith('playwright')) {
    passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0)
    failed += report.stats?.unexpected ?? 0
    skipped += report.stats?.skipped ?? 0
  }
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
