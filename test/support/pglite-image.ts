import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'

/**
 * A new PGlite database takes seconds to create (initdb) but well under one to load from an image of
 * a new, empty data folder. The image is made once per PGlite version and kept in the system's
 * temporary folder; every test file starts its own database from it, as new as one just created.
 */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const manifest = join(dirname(entry), '..', 'package.json')
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

export async function emptyEmbeddedImage(): Promise<Blob> {
  const path = join(tmpdir(), `convene-pglite-${pgliteVersion()}-empty.tar`)
  try {
    return new Blob([readFileSync(path)])
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const pglite = await PGlite.create('memory://')
  const image = await pglite.dumpDataDir('none')
  await pglite.close()
  // Written under another name and renamed, so a reader never sees half an image.
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(partial, Buffer.from(await image.arrayBuffer()))
  renameSync(partial, path)
  return image
}
