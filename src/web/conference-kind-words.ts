/** A conference's kind as the service's pages name it: "Initial child protection conference". */
export const CONFERENCE_KIND_WORDS: Readonly<Record<string, string>> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
  pre_birth: 'Pre-birth child protection conference',
  transfer_in: 'Transfer-in child protection conference',
}

/** A conference's kind in words; "Child protection conference" for a kind without its own. */
export function conferenceKindWords(kind: string): string {
  return CONFERENCE_KIND_WORDS[kind] ?? 'Child protection conference'
}
