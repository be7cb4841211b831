// Location kinds in a setting's words, and whether photos may ever be taken there
// (docs/RULES.md: never in toilets or changing areas).
import type { LocationKind } from '../../../policy/index.ts'

const LABELS: Record<LocationKind, string> = {
  room: 'Room',
  garden: 'Garden',
  outing: 'Outing',
  sleep: 'Sleep room',
  toilet: 'Toilets',
  changing: 'Changing area',
  other: 'Other',
}

export function locationKindLabel(kind: LocationKind): string {
  return LABELS[kind]
}

export function neverPhotographed(kind: LocationKind): boolean {
  return kind === 'toilet' || kind === 'changing'
}
