// The live decision: can this photo be kept, every finding in plain words, the parents'
// conditions still to confirm, and the actions. Save exists only when the policy allows and
// every condition is confirmed; "Save for <purposes> only" when only some purposes are
// allowed; Discard always, asking first once something was tagged or typed. A group
// learning-journey photo blocked by a child's group consent says why and offers the ways out.
// Only the words scroll (the body); every action, each way out of a block included, stays in
// sight below them in either orientation.
// Verdict and findings are words with an icon, never colour alone.
import { useEffect, useRef, useState } from 'react'
import { purposeList, type Decision, type Purpose } from '../../../policy/index.ts'
import { ConfirmQuestion } from '../../components/ConfirmQuestion.tsx'
import { StatusIcon, type StatusTone } from '../../components/StatusIcon.tsx'
import { GroupHelp, WaysOut, type GroupWayOut, type UntagWayOut } from './GroupHelp.tsx'
import type { ParentCondition } from './parentConditions.ts'
import type { SaveStatus } from './useCaptureSave.ts'

type Props = {
  decision: Decision | null
  narrowTo: Purpose[] | null
  purposes: Purpose[]
  status: SaveStatus
  /** The parents' conditions on this photo; Save waits until each key is acknowledged. */
  conditions?: ParentCondition[]
  acknowledged?: readonly string[]
  group?: GroupWayOut | null
  /** Every tagged child a block stands on: an "Untag <name>" way out for each. */
  untag?: UntagWayOut | null
  /** Something was tagged or typed: Discard asks first. */
  askBeforeDiscard?: boolean
  onSave: (purposes: Purpose[]) => void
  onDiscard: () => void
}

const VERDICT: Record<Decision['verdict'], { tone: StatusTone; text: string }> = {
  allow: { tone: 'ok', text: 'Can be saved' },
  needs_reason: { tone: 'warn', text: 'Needs the agreed reason' },
  block: { tone: 'warn', text: 'Cannot be saved as it is' },
}
const CONFIRM_CONDITIONS = { tone: 'warn', text: 'Check the parents’ conditions' } as const

const SEVERITY: Record<Decision['findings'][number]['severity'], string> = {
  block: 'Stops the save',
  reason: 'Reason needed',
  warn: 'Note',
}

export function DecisionPanel(props: Props) {
  const { decision, narrowTo, purposes, status, onSave } = props
  const conditions = props.conditions ?? []
  const acknowledged = props.acknowledged ?? []
  const pending = conditions.filter((c) => !acknowledged.includes(c.key))
  const saving = status.kind === 'saving'
  const allowed = decision?.verdict === 'allow'
  const verdict =
    decision === null
      ? null
      : allowed && pending.length > 0
        ? CONFIRM_CONDITIONS
        : VERDICT[decision.verdict]
  const canSave = allowed && pending.length === 0 && !saving
  return (
    <section className="capture-decision" aria-labelledby="decision-title">
      {/* Scrolls on its own when the findings are long: focusable, so a keyboard can scroll it. */}
      <div
        className="capture-decision__body"
        role="group"
        tabIndex={0}
        aria-labelledby="decision-title"
      >
        <h2
          id="decision-title"
          className={`capture-decision__verdict capture-decision__verdict--${verdict?.tone ?? 'pending'}`}
          aria-live="polite"
        >
          <StatusIcon tone={verdict?.tone ?? 'pending'} />
          {verdict?.text ?? 'Checking…'}
        </h2>
        <Findings decision={decision} conditions={conditions} acknowledged={acknowledged} />
        {props.group != null && <GroupHelp narrowTo={narrowTo} />}
        {status.kind === 'failed' && (
          <p className="capture-decision__error" role="alert">
            {status.message}
          </p>
        )}
      </div>
      <Actions
        {...props}
        canSave={canSave}
        narrowTo={allowed ? null : narrowTo}
        narrowBlocked={pending.length > 0}
        onSaveAll={() => {
          onSave(purposes)
        }}
      />
    </section>
  )
}

function Findings(props: {
  decision: Decision | null
  conditions: ParentCondition[]
  acknowledged: readonly string[]
}) {
  const { conditions, acknowledged } = props
  const findings = props.decision?.findings ?? []
  if (findings.length + conditions.length === 0) return null
  return (
    <ul className="capture-decision__findings">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${f.childId ?? ''}-${f.purpose ?? ''}-${i}`} data-rule={f.rule}>
          <span className={`capture-decision__severity capture-decision__severity--${f.severity}`}>
            {SEVERITY[f.severity]}
          </span>{' '}
          {f.message}
        </li>
      ))}
      {conditions.map((c) => {
        const done = acknowledged.includes(c.key)
        return (
          <li key={c.key} data-rule="parent-condition">
            <span
              className={`capture-decision__severity capture-decision__severity--${done ? 'done' : 'block'}`}
            >
              {done ? '✓ Checked' : 'Check first'}
            </span>{' '}
            {c.childName.split(' ')[0]}’s parents’ condition: <q>{c.text}</q>
            {done ? '' : ' (tick it with the names)'}
          </li>
        )
      })}
    </ul>
  )
}

type ActionProps = Props & { canSave: boolean; narrowBlocked: boolean; onSaveAll: () => void }

function Actions(props: ActionProps) {
  const { status, narrowTo, canSave, onSave, onDiscard } = props
  const saving = status.kind === 'saving'
  const [asking, setAsking] = useState(false)
  const discardButton = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)
  useEffect(() => {
    if (wasAsking.current && !asking) discardButton.current?.focus()
    wasAsking.current = asking
  }, [asking])
  if (asking) {
    return (
      <div className="capture-decision__actions">
        <ConfirmQuestion
          className="capture-confirm"
          question="Discard this photo? Its tags and answers go with it."
          confirmLabel="Discard the photo"
          cancelLabel="Keep the photo"
          onConfirm={() => {
            wasAsking.current = false
            onDiscard()
          }}
          onCancel={() => {
            setAsking(false)
          }}
        />
      </div>
    )
  }
  return (
    <div className="capture-decision__actions">
      <WaysOut group={props.group ?? null} untag={props.untag ?? null} disabled={saving} />
      <button
        type="button"
        className="button button--primary"
        disabled={!canSave}
        onClick={props.onSaveAll}
      >
        {saving ? 'Saving…' : 'Save photo'}
      </button>
      {narrowTo !== null && (
        <button
          type="button"
          className="button button--primary"
          disabled={saving || props.narrowBlocked}
          onClick={() => {
            onSave(narrowTo)
          }}
        >
          {saving ? 'Saving…' : `Save for ${purposeList(narrowTo)} only`}
        </button>
      )}
      <button
        ref={discardButton}
        type="button"
        className="button"
        disabled={saving}
        onClick={() => {
          if (props.askBeforeDiscard === true) setAsking(true)
          else onDiscard()
        }}
      >
        Discard
      </button>
    </div>
  )
}
