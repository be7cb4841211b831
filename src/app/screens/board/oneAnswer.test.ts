// One child, one answer: for every demo child, the board (its strip and card), the child's page
// headline and the camera's "not to be photographed now" strip agree, for the setting's default
// purposes and for each purpose chosen on the board.
import { describe, expect, it } from 'vitest'
import {
  listRooms,
  loadChildConsentPage,
  loadRoomBoard,
  seedDemoIfEmpty,
} from '../../../db/index.ts'
import { freshDb } from '../../../../tests/support/testDb.ts'
import { PURPOSES, type Purpose } from '../../../policy/index.ts'
import { roomChildren } from '../capture/roomChildren.ts'
import { buildChildView } from '../child/childModel.ts'
import { buildBoard, type PurposeFilter } from './boardModel.ts'
import { demoPinVerifier } from '../../../../tests/support/testSigners.ts'

describe('one answer per child', () => {
  it.each<PurposeFilter>(['all', ...PURPOSES])(
    'board, page and camera agree for %s',
    async (filter) => {
      const db = freshDb()
      const now = new Date().toISOString()
      await seedDemoIfEmpty(db, now, demoPinVerifier)
      const rooms = await listRooms(db)
      expect(rooms.length).toBe(2)
      for (const room of rooms) {
        const board = await loadRoomBoard(db, room.id, now)
        const model = buildBoard(board, 'nobody', '', filter)
        const purposes: Purpose[] = filter === 'all' ? board.defaultPurposes : [filter]
        const camera = roomChildren(board.children, null, room.id, board.context, purposes)
        const onCamera = new Set(
          [...camera.exclusions, ...camera.restricted].map((e) => e.child.id),
        )
        const inStrip = new Set(model.strip.map((s) => s.childId))
        expect(inStrip).toEqual(onCamera)
        for (const card of model.cards) {
          const page = await loadChildConsentPage(db, card.childId, now)
          if (page === null) throw new Error(`no page for ${card.childId}`)
          const view = buildChildView(page, filter === 'all' ? undefined : filter)
          const pageNo = view.answer.answer !== 'yes'
          expect({ child: card.name, no: card.answer.tone === 'no' }).toEqual({
            child: card.name,
            no: inStrip.has(card.childId),
          })
          expect({ child: card.name, no: pageNo }).toEqual({
            child: card.name,
            no: inStrip.has(card.childId),
          })
        }
      }
      db.close()
    },
  )
})
