// The booklet itself, with no data access: the /booklet page renders it inside the site, and
// `npm run booklet` renders it alone to print a PDF, so both give the same pages.
import type { Booklet } from "./booklet.server";

/** "weave.example/s" from "https://weave.example": less to type for someone copying it off paper. */
export const lookupAddress = (site: string) => `${site.replace(/^https?:\/\//, "").replace(/\/$/, "")}/s`;

export function BookletDocument({ booklet: b, site }: { booklet: Booklet; site: string }) {
  const lookup = lookupAddress(site);
  return (
    <div className="booklet">
      <section className="booklet-cover" aria-labelledby="booklet-title">
        <h1 id="booklet-title">{b.title}</h1>
        <p className="booklet-lead">
          {b.chosen.length ? b.chosen.join(", ") : "Every kind of support we list"}: {b.total.toLocaleString("en-GB")}{" "}
          {b.total === 1 ? "service" : "services"}. Printed {b.printed} from Weave.
        </p>
        {b.shown < b.total && (
          <p className="booklet-stale">
            This booklet shows the first {b.shown.toLocaleString("en-GB")} of {b.total.toLocaleString("en-GB")} services. For a
            complete booklet, choose fewer kinds of support or one town.
          </p>
        )}
        <div className="booklet-how">
          <p><strong>How to use this booklet.</strong> Services are grouped by the kind of support they give. Ring or write to
            the organisation to ask about a service: say you found it in the Weave booklet.</p>
          <p><strong>“Checked”</strong> is the date the organisation last told us the details were right. Prices and times can
            change, so check before you go.</p>
          <p><strong>To look a service up online</strong>, go to <strong>{lookup}</strong> and type its code. Someone
            helping you can do this for you.</p>
        </div>
        {b.sections.length > 1 && (
          <>
            <h2 className="booklet-contents-title">What is in this booklet</h2>
            <ul className="booklet-contents">
              {b.sections.map((s) => <li key={s.slug}>{s.name} ({s.entries.length})</li>)}
            </ul>
          </>
        )}
        {b.sections.length === 0 && <p>There are no services of these kinds listed in {b.townName ?? b.areaName} at the moment.</p>}
      </section>

      {b.sections.map((s) => (
        <section key={s.slug} className="booklet-section" aria-labelledby={`section-${s.slug}`}>
          <h2 id={`section-${s.slug}`}>{s.name}</h2>
          <p className="booklet-blurb">{s.blurb}</p>
          {s.entries.map((e) => (
            <article key={e.code} className="booklet-entry" aria-label={e.name}>
              <h3>{e.name}</h3>
              <p className="booklet-by">{e.organisation}, {e.town}</p>
              <p>{e.offers}</p>
              <dl>
                <dt>Cost</dt>
                <dd>{e.cost}</dd>
                <dt>Contact</dt>
                <dd>
                  {[e.phone && `Phone ${e.phone}`, e.email && `Email ${e.email}`, !e.phone && !e.email && e.website].filter(Boolean).join(". ") ||
                    "Ask at the address above"}
                </dd>
                <dt>Checked</dt>
                <dd>{e.checked}{e.stale && <span className="booklet-stale"> (over a year ago: ring first)</span>}</dd>
                <dt>Code</dt>
                <dd><span className="booklet-code">{e.code}</span> at {lookup}/{e.code}</dd>
              </dl>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
