// Tablets (manager): every tablet of the setting with its name, last contact, unsent photos and
// state; Add a tablet (a code, large, and a QR code of the enrol link); Rename; Revoke a lost
// one after a confirmation that says what happens. All on the server, with the manager's PIN.
import { deniedMessage } from '../../../policy/index.ts'
import { PinInput } from '../../components/PinInput.tsx'
import { AddTabletPanel } from './AddTabletPanel.tsx'
import { RevokeConfirm } from './RevokeConfirm.tsx'
import { TabletRow } from './TabletRow.tsx'
import { useTabletsScreen } from './useTabletsScreen.ts'
import './TabletsScreen.css'

export function TabletsScreen() {
  const s = useTabletsScreen()
  return (
    <div className="tablets-screen">
      <h1 className="screen-title">Tablets</h1>
      {!s.allowed ? (
        <p>{deniedMessage('enrol-device')}</p>
      ) : s.enrolled === false ? (
        <p>
          This tablet is not enrolled with the setting’s server, and the setting’s tablets are kept
          there. Enrol this one first on <strong>This tablet</strong>.
        </p>
      ) : !s.unlocked ? (
        <form
          className="card tablets-pin"
          onSubmit={(event) => {
            event.preventDefault()
            void s.unlock()
          }}
        >
          <p>
            The setting’s tablets are managed on the server, which checks your PIN and records what
            you do. It needs the network.
          </p>
          <PinInput
            label="Your PIN"
            className="tablets-pin__field"
            value={s.pin}
            onChange={s.setPin}
          />
          <button type="submit" className="button button--primary" disabled={s.busy}>
            {s.busy ? 'Asking the server…' : 'Show the tablets'}
          </button>
        </form>
      ) : (
        <>
          {s.newCode === null ? (
            <div className="tablets-screen__bar">
              <button
                type="button"
                className="button button--primary"
                disabled={s.busy}
                onClick={() => void s.addTablet()}
              >
                Add a tablet
              </button>
              <button
                type="button"
                className="button"
                disabled={s.busy}
                onClick={() => void s.refresh()}
              >
                Refresh
              </button>
            </div>
          ) : (
            <AddTabletPanel code={s.newCode} onClose={s.closeCode} />
          )}
          <ul className="tablets-screen__list" aria-label="The setting’s tablets">
            {(s.devices ?? []).map((device) => (
              <TabletRow
                key={device.id}
                device={device}
                isThisTablet={device.id === s.thisDeviceId}
                busy={s.busy}
                onRename={(name) => s.rename(device, name)}
                onRevoke={() => {
                  s.askRevoke(device)
                }}
                confirmation={
                  s.confirming?.id === device.id ? (
                    <RevokeConfirm
                      device={s.confirming}
                      busy={s.busy}
                      onRevoke={() => void s.revoke()}
                      onCancel={s.cancelRevoke}
                    />
                  ) : null
                }
              />
            ))}
          </ul>
        </>
      )}
      <p
        className={`tablets-screen__outcome tablets-screen__outcome--${s.outcome?.ok === false ? 'warn' : 'ok'}`}
        role="status"
      >
        {s.outcome?.message}
      </p>
    </div>
  )
}
