// The parents' conditions on the consents this photo relies on ("No photos in the paddling
// pool"), shown as soon as the child is tagged, each with a box the practitioner ticks to say
// this photo meets it. Save waits for every box.
import { purposeList } from '../../../policy/index.ts'
import type { ParentCondition } from './parentConditions.ts'

type Props = {
  conditions: ParentCondition[]
  acknowledged: readonly string[]
  onAcknowledge: (key: string, yes: boolean) => void
}

export function ParentConditions({ conditions, acknowledged, onAcknowledge }: Props) {
  if (conditions.length === 0) return null
  return (
    <fieldset className="capture-conditions">
      <legend className="capture__legend">
        The parents’ conditions: check this photo meets them
      </legend>
      {conditions.map((c) => (
        <label key={c.key} className="capture-choice capture-choice--wide capture-condition">
          <input
            type="checkbox"
            checked={acknowledged.includes(c.key)}
            onChange={(e) => {
              onAcknowledge(c.key, e.currentTarget.checked)
            }}
          />
          <span className="capture-choice__label">
            <strong>{c.childName}</strong> ({purposeList(c.purposes)}):{' '}
            <q className="capture-condition__text">{c.text}</q>{' '}
            <span className="capture-condition__ack">
              This photo meets {c.childName.split(' ')[0]}’s parents’ condition.
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
