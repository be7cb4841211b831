// "Add a tablet": the one-time code, large, and a QR code of the enrol link. The new iPad's
// camera opens the link; the app there fills the code into its enrol form. The code works once,
// for 15 minutes.
import { formatDayTime } from '../../components/formatDate.ts'
import type { NewCode } from './useTabletsScreen.ts'
import { QrCode } from './QrCode.tsx'

export function AddTabletPanel({ code, onClose }: { code: NewCode; onClose: () => void }) {
  return (
    <section className="card tablets-code" aria-labelledby="tablets-code-title">
      <h2 id="tablets-code-title">Enrol a new tablet</h2>
      <div className="tablets-code__body">
        <QrCode text={code.link} label={`QR code of the enrol link with the code ${code.code}`} />
        <div>
          <p className="tablets-code__label">Enrolment code</p>
          <p className="tablets-code__code" data-testid="enrolment-code">
            {code.code}
          </p>
          <p>Works once, until {formatDayTime(code.expiresAt)} (15 minutes).</p>
          <ol className="tablets-code__steps">
            <li>On the new iPad, point the camera at the QR code and open the link.</li>
            <li>
              Sign in as the manager, open <strong>This tablet</strong>: the code is filled in. Tap{' '}
              <strong>Enrol this tablet</strong>.
            </li>
          </ol>
          <p className="tablets-code__link">
            Or open <span className="tablets-code__url">{new URL(code.link).origin}</span> and type
            the code.
          </p>
        </div>
      </div>
      <button type="button" className="button" onClick={onClose}>
        Done
      </button>
    </section>
  )
}
