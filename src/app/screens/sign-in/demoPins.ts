// The demo setting's PINs, shown on sign-in only while the tablet holds the demo setting.
import { DEMO_STAFF } from '../../../db/index.ts'

export const DEMO_PINS = Object.values(DEMO_STAFF)
  .map((person) => `${person.name} ${person.pin}`)
  .join(', ')
