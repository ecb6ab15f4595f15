/**
 * Seeded chance for the fictional council: every choice, and every record id, comes from a generator
 * seeded by what it is for (a stream and an index), so the same council is written on every run and
 * every machine, and a case is the same whichever other cases are written beside it.
 */
export class Dice {
  private readonly random: () => number

  constructor(stream: number, index: number) {
    this.random = sfc32(stream, index)
  }

  /** A number in [0, 1). */
  next(): number {
    return this.random()
  }

  /** A whole number in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.random() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T
  }

  /** One of the items, each with its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.random() * total
    for (const [item, weight] of choices) {
      roll -= weight
      if (roll < 0) return item
    }
    return choices[choices.length - 1]![0]
  }

  /** A record id shaped like gen_random_uuid()'s (version 4), drawn from this generator. */
  uuid(): string {
    const word = () => Math.floor(this.random() * 0x1_0000_0000)
    const hex = (value: number, width: number) => value.toString(16).padStart(width, '0')
    const [a, b, c, d] = [word(), word(), word(), word()]
    return [
      hex(a, 8),
      hex(b >>> 16, 4),
      hex(0x4000 | (b & 0x0fff), 4),
      hex(0x8000 | ((c >>> 16) & 0x3fff), 4),
      hex(c & 0xffff, 4) + hex(d, 8),
    ].join('-')
  }
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter): 128 bits of state, so that the generators of
 * tens of thousands of families never run into each other's sequences (a 32-bit generator's would,
 * and repeat record ids). Seeded with the stream and the index, then run a few rounds to mix them.
 */
function sfc32(stream: number, index: number): () => number {
  let a = stream | 0
  let b = index | 0
  let c = 0x9e3779b9 | 0
  let d = 1
  const next = () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < 15; i += 1) next()
  return () => next() / 4_294_967_296
}
