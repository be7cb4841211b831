/**
 * Each finding in words a practitioner understands, saying what to do next. Names come from
 * the roster in the context; an id that is not on it is described, never shown raw alone.
 */
import type { CompiledContext } from './compileContext.ts'
import type { Finding } from './decision.ts'
import { isBlank } from './isBlank.ts'
import { purposeLabel } from './purposeLabels.ts'
import type { CaptureRequest } from './schema.ts'

export interface MessageFacts {
  ctx: CompiledContext
  req: CaptureRequest
}

function childName(ctx: CompiledContext, childId: string | undefined): string {
  if (childId === undefined) return 'A child'
  const child = ctx.children.get(childId)
  if (child === undefined) return `A child not on this device's roster (${childId})`
  return `${child.firstName} ${child.lastName}`.trim()
}

function firstName(ctx: CompiledContext, childId: string | undefined): string {
  const child = childId === undefined ? undefined : ctx.children.get(childId)
  return child?.firstName ?? 'a child'
}

export function findingMessage(finding: Omit<Finding, 'message'>, facts: MessageFacts): string {
  const { ctx, req } = facts
  const who = childName(ctx, finding.childId)
  const what = finding.purpose === undefined ? '' : purposeLabel(finding.purpose)
  switch (finding.rule) {
    case 'staff-not-authorised':
      return ctx.staff.has(req.staffId)
        ? 'You are not authorised to take photos. Ask the manager.'
        : 'The signed-in staff member is not known on this device. Sign in again.'
    case 'device-not-enrolled':
      return "This device is not enrolled, or has been revoked. Use one of the setting's own devices."
    case 'prohibited-location': {
      const location = ctx.locations.get(req.locationId)
      return location === undefined
        ? 'The location is not known on this device. Choose where you are.'
        : `No photos in ${location.name}, ever. Toilets and changing areas are always off limits.`
    }
    case 'no-purpose':
      return 'Choose what the photo is for.'
    case 'children-not-identified':
      if (finding.childId !== undefined) {
        return `${who} is tagged. Only children on the roster can be checked: remove the tag, or sync so the roster is up to date.`
      }
      return req.childIds.length > 0
        ? 'Children are tagged, but "no children in this photo" is ticked. Untick it, or remove the tags.'
        : 'Tag every child in the photo, or confirm that no child is in it.'
    case 'consent-missing':
      return `${who}: no consent on record for ${what}. Do not photograph for this purpose.`
    case 'consent-refused':
      return `${who}: parents refused consent for ${what}.`
    case 'consent-withdrawn':
      return `${who}: parents withdrew consent for ${what}.`
    case 'consent-expired':
      return `${who}: consent for ${what} is past its review date. It must be renewed first.`
    case 'consent-giver-lacks-parental-responsibility':
      return `${who}: consent for ${what} came from someone without parental responsibility.`
    case 'injury-recorded':
      return `${who} has an injury recorded. No photos until the manager clears it.`
    case 'not-fully-dressed':
      return 'Confirm that everyone in the photo is fully dressed.'
    case 'visible-injury':
      return 'Confirm that no one in the photo has a visible injury.'
    case 'child-unwilling':
      return 'Confirm that the children are happy to be photographed. If a child is not, do not take it.'
    case 'caption-names-child':
      return `The caption names ${firstName(ctx, finding.childId)}. Remove children's names from the caption.`
    case 'one-to-one-with-adult':
      return req.reason !== null && !isBlank(req.reason)
        ? `One child with an adult: reason recorded ("${req.reason.trim()}").`
        : 'One child alone with an adult: record the agreed reason, or retake with others.'
    case 'publicity-needs-photo-approval':
      return "Publicity photo: it is held until each child's parent approves this photo."
    case 'consent-data-stale':
      // A device that never synced carries the epoch (src/db NEVER_SYNCED): "over 7 days old"
      // would be true but would not tell anyone what to do.
      if (ctx.syncedMs <= 0) {
        return 'This tablet has no consent data from the setting’s server yet. Ask the manager to sync it (This tablet → Sync now) before taking photos.'
      }
      return finding.severity === 'block'
        ? 'Consent data on this device is over 7 days old. Connect to sync before taking photos.'
        : 'Consent data on this device is over a day old. Connect to sync soon.'
  }
}
