import { agencyInWords } from '../quorum/assess-quorum.ts'

/**
 * Whether a plan action is a partner's: its owner (free text, as the chair wrote it at the
 * conference) names the practitioner, or names their agency ("Police", "the school", "GP"). Words
 * are compared whole, ignoring case, punctuation and spacing, so "Leigh" does not match "Ashleigh".
 */
export function isActionFor(owner: string, partner: { names: readonly string[]; agency: string }): boolean {
  const words = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  const said = ` ${words(owner)} `
  const names = partner.names.map(words).filter((name) => name.length > 0)
  const agency = partner.agency === 'other' ? '' : words(agencyInWords(partner.agency))
  return [...names, ...(agency ? [agency] : [])].some((phrase) => said.includes(` ${phrase} `))
}
