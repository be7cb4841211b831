/**
 * The room board as the screen shows it, worked out from the stored data by the policy engine
 * (the same code that decides captures), so the board and the camera can never disagree.
 *
 * Invariants:
 * - The "not to be photographed now" strip ignores the name search: a safety list is never
 *   hidden by what someone typed. With a purpose chosen it lists everyone who may not be
 *   photographed for that purpose; with all purposes, the policy's own list (injured, or no
 *   valid consent for anything), then those who may not be photographed for the setting's
 *   default purposes (what the camera preselects: the learning journey, usually).
 * - Reasons are said without naming who gave or refused consent: any member of staff sees
 *   the board, only the manager and the keyworker see the detail.
 */
import {
  PURPOSES,
  childPhotoStatus,
  purposeLabel,
  purposeRestrictions,
  type ChildPhotoStatus,
  type EffectiveStatus,
  type ExclusionCode,
  type Purpose,
} from '../../../policy/index.ts'
import type { RoomBoard } from '../../../db/index.ts'
import { foldForSearch } from './foldForSearch.ts'

export type PurposeFilter = Purpose | 'all'

export interface BoardCard {
  childId: string
  name: string
  isKeyChild: boolean
  injured: boolean
  statuses: { purpose: Purpose; status: EffectiveStatus }[]
}

export interface StripItem {
  childId: string
  name: string
  reasons: { code: ExclusionCode; text: string }[]
}

export interface BoardModel {
  strip: StripItem[]
  cards: BoardCard[]
  /** Children in the room, before the search. */
  total: number
}

const REASON_WORDS: Record<ExclusionCode, string> = {
  injury: 'Injury recorded: no photos until the manager clears it',
  no_record: 'No consent on record',
  refused: 'Parent refused consent',
  withdrawn: 'Consent withdrawn',
  review_overdue: 'Consent review overdue',
  no_parental_responsibility: 'Consent given by someone without parental responsibility',
}

const STATUS_CODE: Record<Exclude<EffectiveStatus, 'valid'>, ExclusionCode> = {
  missing: 'no_record',
  refused: 'refused',
  withdrawn: 'withdrawn',
  expired: 'review_overdue',
  no_parental_responsibility: 'no_parental_responsibility',
}

function reason(code: ExclusionCode, purpose?: Purpose): StripItem['reasons'][number] {
  const forWhat = purpose === undefined ? '' : ` for ${purposeLabel(purpose)}`
  return { code, text: `${REASON_WORDS[code]}${code === 'injury' ? '' : forWhat}` }
}

function stripReasons(
  status: ChildPhotoStatus,
  filter: PurposeFilter,
  defaultPurposes: readonly Purpose[],
): StripItem['reasons'] {
  const reasons: StripItem['reasons'] = status.injury === null ? [] : [reason('injury')]
  if (filter === 'all') {
    if (status.excluded) {
      for (const r of status.reasons)
        if (r.code !== 'injury') reasons.push(reason(r.code, r.purpose))
      // Said plainly, so nobody reads "for learning journey" as "fine for a display".
      if (status.injury === null && reasons[0] !== undefined)
        reasons.push({ code: reasons[0].code, text: 'No photos for any purpose' })
    } else {
      for (const r of purposeRestrictions(status, defaultPurposes))
        reasons.push(reason(r.code, r.purpose))
    }
    return reasons
  }
  const current = status.consents[filter].status
  if (current !== 'valid') reasons.push(reason(STATUS_CODE[current], filter))
  return reasons
}

/** A <select>'s value as a filter; anything unknown shows every purpose. */
export function toPurposeFilter(value: string): PurposeFilter {
  return PURPOSES.find((p) => p === value) ?? 'all'
}

export function buildBoard(
  board: RoomBoard,
  staffId: string,
  search: string,
  filter: PurposeFilter,
): BoardModel {
  const query = foldForSearch(search.trim())
  const purposes = filter === 'all' ? PURPOSES : [filter]
  const strip: StripItem[] = []
  const cards: BoardCard[] = []
  for (const child of board.children) {
    const status = childPhotoStatus(board.context, child.id)
    const name = `${child.firstName} ${child.lastName}`
    const reasons = stripReasons(status, filter, board.defaultPurposes)
    if (reasons.length > 0) strip.push({ childId: child.id, name, reasons })
    if (query !== '' && !foldForSearch(name).includes(query)) continue
    cards.push({
      childId: child.id,
      name,
      isKeyChild: child.keyworkerId === staffId,
      injured: status.injury !== null,
      statuses: purposes.map((purpose) => ({ purpose, status: status.consents[purpose].status })),
    })
  }
  return { strip, cards, total: board.children.length }
}
