// Why a group learning-journey photo is blocked, and the ways out: the policy adds each
// child's group-photo consent to a learning-journey photo of two or more children (it goes into
// every child's journey), which a practitioner who only chose "learning journey" cannot guess.
// Ways out: untag the child (the untag question then asks beside their tile), retake one photo
// per child, or keep the photo for other purposes.
//
// The words (GroupHelp) sit in the decision's scrolling body; the ways out (WaysOut) sit
// with Save and Discard, which never scroll: every way out of a block is in sight in either
// orientation, however long the findings are.
import { purposeList, type Purpose } from '../../../policy/index.ts'

export type GroupWayOut = {
  /** The children whose group consent stops it, by first name. */
  blockers: { id: string; firstName: string }[]
  onUntag: (childId: string) => void
  onOnePerChild: () => void
}

export function GroupHelp({ narrowTo }: { narrowTo: Purpose[] | null }) {
  return (
    <div className="capture-decision__help">
      <p>
        A group learning-journey photo goes into every child’s journey, so it needs each child’s
        group-photo consent. Ways out: untag the child, take one photo per child
        {narrowTo === null
          ? ', or keep it for other purposes (untick learning journey under “What is it for?”).'
          : `, or save it for ${purposeList(narrowTo)} only.`}
      </p>
    </div>
  )
}

/** A block on a child of any kind (a refusal, an injury): untagging is a way out. */
export type UntagWayOut = Omit<GroupWayOut, 'onOnePerChild'>

type WaysOutProps = { group: GroupWayOut | null; untag: UntagWayOut | null; disabled: boolean }

/** "Untag <child>" once for each child a block stands on; "One photo per child" for a group. */
export function WaysOut({ group, untag, disabled }: WaysOutProps) {
  const seen = new Set<string>()
  const untags = [group, untag].flatMap((way) =>
    way === null
      ? []
      : way.blockers.flatMap((child) => {
          if (seen.has(child.id)) return []
          seen.add(child.id)
          return [{ child, onUntag: way.onUntag }]
        }),
  )
  return (
    <>
      {untags.map(({ child, onUntag }) => (
        <button
          key={child.id}
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => {
            onUntag(child.id)
          }}
        >
          Untag {child.firstName}
        </button>
      ))}
      {group !== null && (
        <button type="button" className="button" disabled={disabled} onClick={group.onOnePerChild}>
          One photo per child
        </button>
      )}
    </>
  )
}
