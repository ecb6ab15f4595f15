/** The meeting's fixtures, from test/support, for the tests that import them from here (test/web/meeting-scratch.test.ts). */
export * from '../../support/meeting-fixtures.ts'
