// How a service looks in a list, and the facts every listing shows: vetting and freshness.
import { Link } from "react-router";
import type { SearchHit, ServiceDocument } from "../../search/port";
import { checkedAgo, formatMiles, formatPrice, isStale } from "../directory/format";
import { categories, deliveryModes, kindQualifier, nameOf, organisationKinds } from "../directory/vocabulary";
import { describeScore } from "../reviews/score";
import { Warning } from "./messages";

export function Tag({ children, tone = "plain" }: { children: React.ReactNode; tone?: "plain" | "good" | "warn" }) {
  const colours = { plain: "bg-wash text-ink", good: "bg-[#cce2d8] text-[#005a30]", warn: "bg-[#fcd6c3] text-[#6e3619]" };
  return <span className={`inline-block px-2 py-0.5 text-sm font-bold ${colours[tone]}`}>{children}</span>;
}

/** "Micro-enterprise (five or fewer staff)": the qualifier is its own element, so the kind's name can be found on its own. */
export function KindLabel({ kind }: { kind: string }) {
  const qualifier = kindQualifier(kind);
  return <><span>{nameOf(organisationKinds, kind)}</span>{qualifier && <> <span>{qualifier}</span></>}</>;
}

type Vetting = ServiceDocument["vetting"] & { cqcRatingDate?: string | null };

export function VettingFacts({ vetting }: { vetting: Vetting }) {
  const facts = [
    vetting.cqcRating && {
      text: `CQC rating: ${vetting.cqcRating}${vetting.cqcRatingDate ? ` (inspected ${vetting.cqcRatingDate})` : ""}`,
      tone: vetting.cqcRating === "Inadequate" || vetting.cqcRating === "Requires improvement" ? "warn" : "good",
    },
    vetting.dbsChecked && { text: "DBS checked", tone: "good" },
    vetting.insured && { text: "Insured", tone: "good" },
    vetting.safeguardingTrained && { text: "Safeguarding trained", tone: "good" },
  ].filter(Boolean) as { text: string; tone: "good" | "warn" }[];
  if (facts.length === 0) return <p className="text-muted text-sm">No vetting facts recorded yet.</p>;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Vetting facts">
      {facts.map((f) => <li key={f.text}><Tag tone={f.tone}>{f.text}</Tag></li>)}
    </ul>
  );
}

export function Freshness({ updatedAt }: { updatedAt: string }) {
  if (isStale(updatedAt)) {
    return <Warning>Not checked for over a year ({checkedAgo(updatedAt).toLowerCase()}): details may be out of date.</Warning>;
  }
  return <p className="text-muted text-sm">{checkedAgo(updatedAt)}</p>;
}

/** What a result card needs, and no more: it is all sent to the browser with the page. */
export type CardData = Pick<SearchHit, "id" | "title" | "organisationName" | "organisationKind" | "pricePence" | "priceUnit" | "category"
  | "townName" | "distanceMiles" | "delivery" | "vetting" | "updatedAt" | "rating" | "ratingCount">;

export const toCardData = (h: SearchHit): CardData => ({
  id: h.id, title: h.title, organisationName: h.organisationName, organisationKind: h.organisationKind, pricePence: h.pricePence,
  priceUnit: h.priceUnit, category: h.category, townName: h.townName, distanceMiles: h.distanceMiles, delivery: h.delivery,
  vetting: h.vetting, updatedAt: h.updatedAt, rating: h.rating, ratingCount: h.ratingCount,
});

export function ServiceCard({ hit }: { hit: CardData }) {
  return (
    <li className="border-b border-line py-4">
      <h3 className="text-xl font-bold mb-1">
        <Link to={`/services/${hit.id}`}>{hit.title}</Link>
      </h3>
      <p className="mb-1">
        {hit.organisationName} <span className="text-muted">· <KindLabel kind={hit.organisationKind} /></span>
      </p>
      <p className="mb-2">
        <strong className="text-lg">{formatPrice(hit.pricePence, hit.priceUnit)}</strong>
        <span className="text-muted"> · {nameOf(categories, hit.category)} · {hit.townName}</span>
        {hit.distanceMiles !== null && <span> · <strong>{formatMiles(hit.distanceMiles)}</strong> away</span>}
      </p>
      <p className="mb-1">Reviews: {describeScore({ score: hit.rating, count: hit.ratingCount })}</p>
      <p className="text-sm mb-2">{hit.delivery.map((d) => nameOf(deliveryModes, d)).join(", ")}</p>
      <VettingFacts vetting={hit.vetting} />
      <div className="mt-2"><Freshness updatedAt={hit.updatedAt} /></div>
    </li>
  );
}

export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label="Results pages" className="my-6 no-print">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 && <li><Link to={href(Math.min(page - 1, pages))} rel="prev" className="font-bold">‹ Previous<span className="sr-only"> page</span></Link></li>}
        {shown.map((p, i) => (
          <li key={p} className="flex gap-2">
            {i > 0 && p - shown[i - 1]! > 1 && <span aria-hidden="true">…</span>}
            {p === page
              ? <span aria-current="page" className="px-2 py-0.5 bg-ink text-white font-bold">{p}</span>
              : <Link to={href(p)} aria-label={`Page ${p}`} className="px-2 py-0.5">{p}</Link>}
          </li>
        ))}
        {page < pages && <li><Link to={href(page + 1)} rel="next" className="font-bold">Next<span className="sr-only"> page</span> ›</Link></li>}
      </ul>
    </nav>
  );
}

export function ContactList({ phone, email, website }: { phone: string | null; email: string | null; website: string | null }) {
  if (!phone && !email && !website) return <p className="text-muted">No contact details listed.</p>;
  return (
    <ul className="space-y-1 mb-4">
      {phone && <li>Phone: <a href={`tel:${phone.replace(/\s/g, "")}`}>{phone}</a></li>}
      {email && <li>Email: <a href={`mailto:${email}`}>{email}</a></li>}
      {website && <li>Website: <a href={website} rel="noopener noreferrer">{website}</a></li>}
    </ul>
  );
}
