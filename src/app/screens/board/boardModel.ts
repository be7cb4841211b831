/**
 * The room board as the screen shows it, worked out from the stored data by the policy engine
 * (the same code that decides captures), so the board and the camera can never disagree.
 *
 * Invariants:
 * - One answer per child (policy/photoAnswer.ts) for the purposes looked at: the chosen one,
 *   or with all purposes the setting's default ones (what the camera preselects: the learning
 *   journey, usually). The strip lists exactly the children whose card answers "not to be
 *   photographed", with the same reasons; the child's page says the same.
 * - The strip ignores the name search: a safety list is never hidden by what someone typed.
 * - The search looks in every room: this room's matches first, then the others, each card
 *   saying which room that child is in.
 * - Reasons are said without naming who gave or refused consent: any member of staff sees
 *   the board, only the manager and the keyworker see the detail.
 */
import {
  PURPOSES,
  childPhotoStatus,
  photoAnswer,
  type EffectiveStatus,
  type Purpose,
} from '../../../policy/index.ts'
import type { Child, RoomBoard } from '../../../db/index.ts'
import {
  answerReasons,
  answerTitle,
  answerTone,
  type AnswerReason,
} from '../../components/photoAnswerWords.ts'
import { foldForSearch } from './foldForSearch.ts'

export type PurposeFilter = Purpose | 'all'

export interface BoardCard {
  childId: string
  name: string
  /** The child's room when it is not the room shown (a search finds every room). */
  otherRoom: string | null
  isKeyChild: boolean
  injured: boolean
  answer: { title: string; tone: 'yes' | 'no' }
  statuses: { purpose: Purpose; status: EffectiveStatus }[]
}

export interface StripItem {
  childId: string
  name: string
  reasons: AnswerReason[]
}

export interface BoardModel {
  strip: StripItem[]
  cards: BoardCard[]
  /** Children in the room, before the search. */
  total: number
  /** Of the cards, how many are in the room shown (the others matched the search elsewhere). */
  inRoom: number
}

/** A <select>'s value as a filter; anything unknown shows every purpose. */
export function toPurposeFilter(value: string): PurposeFilter {
  return PURPOSES.find((p) => p === value) ?? 'all'
}

/** The purposes a child's answer is about, for a board filter. */
export function lookedAt(filter: PurposeFilter, defaultPurposes: readonly Purpose[]): Purpose[] {
  return filter === 'all' ? [...defaultPurposes] : [filter]
}

function childCard(board: RoomBoard, child: Child, staffId: string, filter: PurposeFilter) {
  const status = childPhotoStatus(board.context, child.id)
  const answer = photoAnswer(status, lookedAt(filter, board.defaultPurposes))
  const purposes = filter === 'all' ? PURPOSES : [filter]
  const otherRoom =
    child.roomId === board.room?.id
      ? null
      : (board.rooms.find((r) => r.id === child.roomId)?.name ?? 'No room')
  const card: BoardCard = {
    childId: child.id,
    name: `${child.firstName} ${child.lastName}`,
    otherRoom,
    isKeyChild: child.keyworkerId === staffId,
    injured: status.injury !== null,
    answer: { title: answerTitle(answer), tone: answerTone(answer) },
    statuses: purposes.map((purpose) => ({ purpose, status: status.consents[purpose].status })),
  }
  return { card, answer }
}

export function buildBoard(
  board: RoomBoard,
  staffId: string,
  search: string,
  filter: PurposeFilter,
): BoardModel {
  const query = foldForSearch(search.trim())
  const matches = (child: Child) =>
    query === '' || foldForSearch(`${child.firstName} ${child.lastName}`).includes(query)
  const strip: StripItem[] = []
  const cards: BoardCard[] = []
  for (const child of board.children) {
    const { card, answer } = childCard(board, child, staffId, filter)
    if (answer.answer !== 'yes')
      strip.push({ childId: child.id, name: card.name, reasons: answerReasons(answer) })
    if (matches(child)) cards.push(card)
  }
  const inRoom = cards.length
  if (query !== '') {
    const shown = new Set(board.children.map((c) => c.id))
    for (const child of board.everyone)
      if (!shown.has(child.id) && matches(child))
        cards.push(childCard(board, child, staffId, filter).card)
  }
  return { strip, cards, total: board.children.length, inRoom }
}
