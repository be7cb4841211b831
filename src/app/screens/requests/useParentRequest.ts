// A parent's request for one child: everything the setting holds as one ZIP, or
// erasure of the child's photos, the group photos each erased unless the manager keeps it
// for the other children's journals. The server decides and records; this hook asks.
import { useState } from 'react'
import type { ChildErasurePreview } from '../../../protocol/index.ts'
import { useLibraryClient } from '../library/useLibraryClient.ts'
import { useServerThumbnails } from '../library/useServerThumbnails.ts'

type Preview =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; preview: ChildErasurePreview }

export function useParentRequest() {
  const client = useLibraryClient()
  const [childId, setChildId] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ tone: 'ok' | 'warn'; text: string } | null>(null)
  const [preview, setPreview] = useState<Preview>({ status: 'closed' })
  const [keep, setKeep] = useState<ReadonlySet<string>>(new Set())
  const [reason, setReason] = useState('')

  const shown =
    preview.status === 'ready' ? [...preview.preview.solo, ...preview.preview.group] : []
  const thumbnails = useServerThumbnails(
    client,
    shown.map((p) => p.id),
  )

  async function download() {
    setBusy(true)
    setNote(null)
    const answer = await client.subjectAccess(childId)
    setBusy(false)
    if (!answer.ok) {
      setNote({ tone: 'warn', text: answer.error.message })
      return
    }
    const url = URL.createObjectURL(answer.value.blob)
    const link = document.createElement('a')
    link.href = url
    link.download = answer.value.fileName
    link.click()
    setTimeout(() => {
      URL.revokeObjectURL(url)
    }, 10_000)
    setNote({
      tone: 'ok',
      text: `Downloaded ${answer.value.fileName}. Give it to the parent; open index.html for the summary.`,
    })
  }

  async function openErasure() {
    setPreview({ status: 'loading' })
    const answer = await client.childErasurePreview(childId)
    setPreview(
      answer.ok
        ? { status: 'ready', preview: answer.value }
        : { status: 'error', message: answer.error.message },
    )
  }

  async function erase() {
    if (reason.trim() === '') {
      setNote({ tone: 'warn', text: 'Say why, for the audit: the parent’s words.' })
      return
    }
    setBusy(true)
    const answer = await client.eraseChild(childId, { reason, keep: [...keep] })
    setBusy(false)
    if (!answer.ok) {
      setNote({ tone: 'warn', text: answer.error.message })
      return
    }
    const { erased, kept } = answer.value
    setPreview({ status: 'closed' })
    setKeep(new Set())
    setReason('')
    setNote({
      tone: 'ok',
      text: `Erased ${erased.length} photo(s) from the server and every tablet; ${kept.length} group photo(s) kept for the other children, without this child.`,
    })
  }

  return {
    childId,
    chooseChild: (id: string) => {
      setChildId(id)
      setPreview({ status: 'closed' })
      setKeep(new Set())
      setNote(null)
    },
    busy,
    note,
    preview,
    thumbnails,
    keep,
    toggleKeep: (photoId: string) => {
      const next = new Set(keep)
      if (next.has(photoId)) next.delete(photoId)
      else next.add(photoId)
      setKeep(next)
    },
    reason,
    setReason,
    download,
    openErasure,
    closeErasure: () => {
      setPreview({ status: 'closed' })
    },
    erase,
  }
}
