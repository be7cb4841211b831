/**
 * Whole-word, any-case matching of children's first names in captions. Text is folded
 * (lower case, accents removed, curly apostrophes straightened) so "ZOË" in a caption matches
 * a child called Zoe: the rule errs on the side of blocking a name.
 */

export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ')
}

const WORD = /^[\p{L}\p{N}]+$/u
const WORDS = /[\p{L}\p{N}]+/gu

export function isSingleWord(folded: string): boolean {
  return WORD.test(folded)
}

/** The folded words of a caption, for set lookups of single-word names. */
export function captionWords(folded: string): string[] {
  return folded.match(WORDS) ?? []
}
