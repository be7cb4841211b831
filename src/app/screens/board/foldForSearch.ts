// Names as a search compares them: no accents, no case, single spaces, so "zoe" finds "Zoë"
// and "ZOE". Pure.
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ')
}
