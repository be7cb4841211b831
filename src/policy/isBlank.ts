/**
 * Whether a person's text says nothing: empty, white space only, or made only of characters
 * that are invisible when shown (zero-width spaces and joiners, soft hyphens, byte-order marks,
 * Hangul fillers, variation selectors, the blank Braille pattern, control characters). A reason
 * typed as a zero-width space looks recorded but says nothing, so it counts as no reason.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]*$/u

export function isBlank(text: string): boolean {
  return INVISIBLE_ONLY.test(text)
}
