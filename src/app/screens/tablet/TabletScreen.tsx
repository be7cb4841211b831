// "This tablet": what ConsentLens is, which server it sends its photos to (and enrolment), and
// whether this tablet is ready to work offline.
import { StatusIcon } from '../../components/StatusIcon.tsx'
import { TabletSyncSection } from './TabletSyncSection.tsx'
import { useTabletScreen } from './useTabletScreen.ts'
import './TabletScreen.css'

export function TabletScreen() {
  const { summary, items } = useTabletScreen()
  return (
    <div className="home">
      <h1 className="screen-title">This tablet</h1>
      <section className="card home__intro" aria-labelledby="home-title">
        <h2 id="home-title">Photos only with consent</h2>
        <p>
          ConsentLens helps your team take photos of the children in your care only when their
          parents have agreed, and only in the ways your setting&rsquo;s photo policy allows. It
          checks every child&rsquo;s consent before each photo.
        </p>
        <p>
          Photos and consent records stay on this tablet until they are sent to your setting&rsquo;s
          own server. Nothing goes anywhere else.
        </p>
      </section>

      <TabletSyncSection />

      <section className="card" aria-labelledby="offline-title">
        <h2 id="offline-title">Works offline</h2>
        <p className={`readiness-summary readiness-summary--${summary.tone}`}>
          <StatusIcon tone={summary.tone} />
          <span>{summary.text}</span>
        </p>
        <dl className="readiness">
          {items.map((item) => (
            <div key={item.id} className="readiness__item" data-testid={item.id}>
              <dt>{item.label}</dt>
              <dd>
                <span className={`readiness__answer readiness__answer--${item.tone}`}>
                  <StatusIcon tone={item.tone} />
                  {item.answer}
                </span>
                <span className="readiness__detail">{item.detail}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  )
}
