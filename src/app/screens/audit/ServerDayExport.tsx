// "Every tablet's day, from the server": this screen shows what this tablet did; the server
// holds every tablet's photos, blocked attempts and deletions. The manager downloads its copy
// here with their PIN (the server checks it and records the download).
import { formatDay } from '../../components/formatDate.ts'
import { PinInput } from '../../components/PinInput.tsx'
import { useServerDayExport } from './useServerDayExport.ts'

export function ServerDayExport({ day }: { day: string }) {
  const s = useServerDayExport(day)
  return (
    <section className="server-day" aria-labelledby="server-day-title">
      <h2 id="server-day-title">Every tablet’s day, from the server</h2>
      {s.enrolled === false ? (
        <p className="audit-note">
          This tablet is not enrolled with the setting’s server, so only its own photos are here.
          Enrol it on “This tablet” to download every tablet’s day.
        </p>
      ) : (
        <form
          className="server-day__form"
          onSubmit={(event) => {
            event.preventDefault()
            void s.downloadCsv()
          }}
        >
          <p className="audit-note">
            Above is what this tablet did. The server has every tablet’s photos, blocked attempts
            and deletions for {formatDay(`${day}T12:00:00`)}. It needs the network and your PIN.
          </p>
          <PinInput
            label="Your PIN"
            className="server-day__pin"
            value={s.pin}
            onChange={s.setPin}
          />
          <button type="submit" className="button" disabled={s.busy !== null}>
            Download the server’s CSV
          </button>
          <button
            type="button"
            className="button"
            disabled={s.busy !== null}
            onClick={() => void s.downloadPdf()}
          >
            Download the server’s PDF
          </button>
          <p
            className={`audit-export__outcome audit-export__outcome--${s.outcome?.ok === false ? 'warn' : 'ok'}`}
            role="status"
          >
            {s.busy === null ? s.outcome?.message : 'Asking the server…'}
          </p>
        </form>
      )}
    </section>
  )
}
