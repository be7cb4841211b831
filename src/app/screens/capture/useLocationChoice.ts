// Where the photo is taken, remembered per tablet (localStorage): a tablet mostly stays in
// one room, so the next person finds it already set. Toilets and changing areas can never be
// the choice: a stored id of one (or of an archived place) is ignored.
import { useState } from 'react'
import type { Location } from '../../../db/index.ts'

const KEY = 'consentlens.capture.locationId'
const PROHIBITED = new Set<Location['kind']>(['toilet', 'changing'])

export function isProhibited(location: Location): boolean {
  return PROHIBITED.has(location.kind)
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(KEY)
  } catch {
    return null // storage blocked: the choice is simply not remembered
  }
}

function store(id: string): void {
  try {
    window.localStorage.setItem(KEY, id)
  } catch {
    // Not remembered across visits; the choice still holds for this photo.
  }
}

/** The chosen location: the stored one, else the staff member's room, else none. */
export function useLocationChoice(locations: Location[] | undefined, staffRoomId: string | null) {
  const [chosenId, setChosenId] = useState<string | null>(readStored)
  const selectable = (locations ?? []).filter((l) => !isProhibited(l))
  const location =
    selectable.find((l) => l.id === chosenId) ??
    selectable.find((l) => staffRoomId !== null && l.roomId === staffRoomId) ??
    null
  const choose = (id: string) => {
    if (!selectable.some((l) => l.id === id)) return
    setChosenId(id)
    store(id)
  }
  return { location, choose }
}
