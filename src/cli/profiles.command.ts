import { readFileSync } from 'node:fs'
import { isAbsolute, relative } from 'node:path'
import type { Command } from 'commander'
import { listProfileFiles } from '../app/profile-files.ts'
import { loadConfig } from '../config.ts'
import { parseProfile, profileJsonSchema } from '../domain/procedure/profile.ts'
import { UsageError } from './usage-error.ts'

/** A path as short as it can be said from the current folder. */
function shortPath(file: string): string {
  const near = relative(process.cwd(), file)
  return near !== '' && !near.startsWith('..') && !isAbsolute(near) ? near : file
}

/** The profile format as JSON Schema, as published in profiles/schema.json. */
export function profileSchemaText(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`
}

export function registerProfilesCommand(program: Command): void {
  const profiles = program
    .command('profiles')
    .description('Procedure profiles: the shipped ones and a council’s own in <CONVENE_DATA_DIR>/profiles.')

  profiles
    .command('list')
    .description('List every profile: id, name and file. The one CONVENE_PROFILE names is marked *.')
    .action(() => {
      const config = loadConfig()
      const files = listProfileFiles(config.dataDir)
      const rows = files.map((profile) => [
        `${profile.id === config.profile ? '*' : ' '} ${profile.id ?? '(broken)'}`,
        profile.name ?? '(does not pass convene profiles check)',
        `${shortPath(profile.file)}${profile.replacesShipped ? ' (replaces the shipped profile)' : ''}`,
      ])
      const header = ['  id', 'name', 'file']
      const widths = header.map((title, column) =>
        Math.max(title.length, ...rows.map((row) => row[column]!.length)),
      )
      const line = (cells: string[]) =>
        cells
          .map((cell, column) => cell.padEnd(widths[column]! + 2))
          .join('')
          .trimEnd()
      process.stdout.write(`${[header, ...rows].map(line).join('\n')}\n`)
      if (!files.some((profile) => profile.id === config.profile))
        process.stderr.write(`CONVENE_PROFILE: "${config.profile}" names none of these profiles\n`)
      const broken = files.filter((profile) => profile.issues !== undefined)
      if (broken.length > 0)
        throw new UsageError(
          `${broken.length === 1 ? 'A profile file is' : `${broken.length} profile files are`} broken, so the service will not start: ` +
            broken.map((profile) => `convene profiles check ${shortPath(profile.file)}`).join('; '),
        )
    })

  profiles
    .command('check')
    .description(
      'Check a profile file against the schema: prints OK, or every problem naming the file, the rule and the field (exit 2).',
    )
    .argument('<file>', 'the profile file (YAML or JSON)')
    .action((file: string) => {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (error) {
        throw new UsageError(
          `${file}: cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        )
      }
      const parsed = parseProfile(text, file)
      if (!parsed.ok) {
        const count = parsed.issues.length
        throw new UsageError(
          [
            `${file} is not a valid profile (${count} ${count === 1 ? 'problem' : 'problems'}):`,
            ...parsed.issues.map((issue) => `${issue.field}: ${issue.message}`),
          ].join('\n'),
        )
      }
      process.stdout.write(`OK: ${file} is a valid profile: ${parsed.value.id} (${parsed.value.name})\n`)
    })

  profiles
    .command('schema')
    .description('Print the profile format as JSON Schema (the same as profiles/schema.json).')
    .action(() => {
      process.stdout.write(profileSchemaText())
    })
}
