// Why a group learning-journey photo is blocked, and the ways out: the policy adds each
// child's group-photo consent to a learning-journey photo of two or more children (it goes into
// every child's journey), which a practitioner who only chose "learning journey" cannot guess.
// Ways out: untag the child (the untag question then asks beside their tile), retake one photo
// per child, or keep the photo for other purposes (issue 15, item 5).
import { purposeList, type Purpose } from '../../../policy/index.ts'

export type GroupWayOut = {
  /** The children whose group consent stops it, by first name. */
  blockers: { id: string; firstName: string }[]
  onUntag: (childId: string) => void
  onOnePerChild: () => void
}

export function GroupHelp({ group, narrowTo }: { group: GroupWayOut; narrowTo: Purpose[] | null }) {
  return (
    <div className="capture-decision__help">
      <p>
        A group learning-journey photo goes into every child’s journey, so it needs each child’s
        group-photo consent. Ways out:
      </p>
      <div className="capture-decision__ways">
        {group.blockers.map((c) => (
          <button
            key={c.id}
            type="button"
            className="button"
            onClick={() => {
              group.onUntag(c.id)
            }}
          >
            Untag {c.firstName}
          </button>
        ))}
        <button type="button" className="button" onClick={group.onOnePerChild}>
          One photo per child
        </button>
      </div>
      <p>
        {narrowTo === null
          ? 'Or keep it for other purposes: untick learning journey under “What is it for?”.'
          : `Or save it for ${purposeList(narrowTo)} only (below).`}
      </p>
    </div>
  )
}
