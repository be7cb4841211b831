// The board's state: which room, the search and the purpose filter (kept while the person
// looks at a child and comes back), and the live board from the database. useLiveQuery re-runs
// the read whenever a consent record, an injury or the roster changes on this device.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useState } from 'react'
import { loadRoomBoard } from '../../../db/index.ts'
import { nowIso } from '../../data/clock.ts'
import { useDb } from '../../data/DbContext.tsx'
import { useCurrentStaff, useNavigation } from '../../session/WorkspaceContext.tsx'
import { buildBoard, type PurposeFilter } from './boardModel.ts'

export function useBoardScreen(initialRoomId: string | null) {
  const db = useDb()
  const staff = useCurrentStaff()
  const goTo = useNavigation((s) => s.goTo)
  const replace = useNavigation((s) => s.replace)
  const [roomId, setRoomId] = useState(initialRoomId)
  const [search, setSearch] = useState('')
  const [purpose, setPurpose] = useState<PurposeFilter>('all')
  const board = useLiveQuery(() => loadRoomBoard(db, roomId, nowIso()), [db, roomId])
  const model = useMemo(
    () => (board === undefined ? undefined : buildBoard(board, staff.id, search, purpose)),
    [board, staff.id, search, purpose],
  )
  return {
    rooms: board?.rooms ?? [],
    room: board?.room ?? null,
    model,
    search,
    setSearch,
    purpose,
    setPurpose,
    chooseRoom: (id: string) => {
      setRoomId(id)
      // Kept in the screen, so Back from a child's page returns to this room.
      replace({ name: 'board', roomId: id })
    },
    openChild: (childId: string) => {
      goTo(purpose === 'all' ? { name: 'child', childId } : { name: 'child', childId, purpose })
    },
  }
}
