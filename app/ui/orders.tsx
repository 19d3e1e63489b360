// How orders look: the summary of an order, status tags, the visits table, the message thread
// and the cancellation terms. Presentational only: the pages pass in what to show.
import type { ReactNode } from "react";
import { Form } from "react-router";
import { formatDate, formatPence } from "../directory/format";
import { CANCELLATION_TERMS, formatQuantity } from "../purchasing/schedule";
import { Button, TextArea, TextInput } from "./fields";
import { Tag } from "./listing";

/** The GOV.UK summary list: a key and its value on each row. */
export function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 sm:grid-cols-[minmax(10rem,auto)_1fr] gap-x-6 border-t border-line mb-6">
      {rows.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-bold pt-2 sm:pb-2 sm:border-b border-line">{key}</dt>
          <dd className="pb-2 sm:pt-2 border-b border-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const orderStatusNames: Record<string, [string, "plain" | "good" | "warn"]> = {
  requested: ["Waiting for the provider", "plain"], declined: ["Declined", "warn"], scheduled: ["Booked", "good"],
  cancelled: ["Cancelled", "warn"], ended: ["Ended", "plain"],
};
const visitStatusNames: Record<string, [string, "plain" | "good" | "warn"]> = {
  scheduled: ["Booked", "plain"], delivered: ["Delivered: to confirm", "warn"], disputed: ["Disputed", "warn"], confirmed: ["Confirmed", "good"],
  invoiced: ["Invoiced", "good"], paid: ["Paid", "good"], cancelled: ["Cancelled", "plain"],
};

export function OrderStatus({ status }: { status: string }) {
  const [name, tone] = orderStatusNames[status] ?? [status, "plain"];
  return <Tag tone={tone}>{name}</Tag>;
}

export function VisitStatus({ status }: { status: string }) {
  const [name, tone] = visitStatusNames[status] ?? [status, "plain"];
  return <Tag tone={tone}>{name}</Tag>;
}

export type VisitRow = {
  id: number; date: string; timeFrom: string | null; timeTo: string | null; quantityHundredths: number; amountPence: number; status: string;
  deliveredOn: string | null; deliveredQuantityHundredths: number | null; deliveryNotes: string | null; creditedPence: number; chargedPence: number | null; cancelReason: string | null;
};

/** One visit in words: "Tuesday 3 February 2026, 10:00 to 12:00 · 2 hours". */
export const visitWhen = (v: Pick<VisitRow, "date" | "timeFrom" | "timeTo">) =>
  `${formatDate(v.date)}${v.timeFrom && v.timeTo ? `, ${v.timeFrom} to ${v.timeTo}` : ""}`;

/** The visits of an order, with what each side can do next in the last column. */
export function VisitsTable({ visits, unit, actions }: { visits: VisitRow[]; unit: string; actions: (v: VisitRow) => ReactNode }) {
  if (visits.length === 0) return <p className="mb-6">No visits are booked yet.</p>;
  return (
    <table className="w-full mb-6">
      <caption className="sr-only">Visits</caption>
      <thead><tr className="text-left border-b-2 border-ink"><th scope="col" className="py-1 pr-3">When</th><th scope="col" className="pr-3">What</th><th scope="col" className="pr-3">Status</th><th scope="col">What next</th></tr></thead>
      <tbody>
        {visits.map((v) => (
          <tr key={v.id} className="border-b border-line align-top" id={`visit-${v.id}`}>
            <th scope="row" className="py-2 pr-3 text-left font-normal">{visitWhen(v)}</th>
            <td className="py-2 pr-3">
              {formatQuantity(v.quantityHundredths, unit)} booked ({formatPence(v.amountPence)})
              {v.deliveredQuantityHundredths !== null && <><br />Delivered {formatQuantity(v.deliveredQuantityHundredths, unit)}{v.deliveredOn && v.deliveredOn !== v.date ? ` on ${formatDate(v.deliveredOn)}` : ""}</>}
              {v.deliveryNotes && <><br /><span className="text-muted">Notes: {v.deliveryNotes}</span></>}
              {v.creditedPence > 0 && <><br />Credited {formatPence(v.creditedPence)}</>}
              {v.chargedPence !== null && <><br /><strong>Charged {formatPence(v.chargedPence)}</strong></>}
              {v.cancelReason && <><br /><span className="text-muted">{v.cancelReason}</span></>}
            </td>
            <td className="py-2 pr-3"><VisitStatus status={v.status} /></td>
            <td className="py-2">{actions(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type ThreadEntry = { id: number; body: string; party: string; authorName: string | null; createdAt: string };

const partyNames: Record<string, string> = { buyer: "", provider: "provider", moderator: "Weave moderator", weave: "" };

/** The conversation on an order or an enquiry, oldest first, with a box to write in. */
export function MessageThread({ messages, buyerName, organisationName, error, label = "Write a message" }:
  { messages: ThreadEntry[]; buyerName: string; organisationName: string; error?: string; label?: string }) {
  const who = (m: ThreadEntry) => m.party === "weave" ? "Weave"
    : m.party === "provider" ? `${m.authorName}, ${organisationName}`
    : m.party === "moderator" ? `${m.authorName}, ${partyNames.moderator}`
    : m.authorName === buyerName ? buyerName : `${m.authorName}, for ${buyerName}`;
  return (
    <section aria-labelledby="messages-heading" className="mb-6">
      <h2 id="messages-heading" className="text-2xl font-bold mb-2">Messages</h2>
      {messages.length === 0 ? <p className="mb-4">No messages yet.</p> : (
        <ol className="mb-4 space-y-3">
          {messages.map((m) => (
            <li key={m.id} className={`p-3 ${m.party === "weave" ? "bg-wash" : "border-l-4 border-link pl-3"}`}>
              <p className="text-sm text-muted"><strong className="text-ink">{who(m)}</strong> · {new Date(m.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" })}</p>
              <p className="whitespace-pre-line">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" noValidate className="no-print">
        <input type="hidden" name="intent" value="message" />
        <TextArea name="body" label={label} rows={3} error={error} />
        <Button secondary>Send message</Button>
      </Form>
    </section>
  );
}

export function CancellationTerms() {
  return (
    <div className="border-l-4 border-line pl-3 mb-3">
      <h3 className="font-bold">Cancellation terms</h3>
      <ul className="list-disc pl-6">{CANCELLATION_TERMS.map((t) => <li key={t}>{t}</li>)}</ul>
    </div>
  );
}

/**
 * "Change or stop this order", the same for both sides: a recurring order's time and length can
 * change from tomorrow, and either side can cancel (before any delivery) or end it.
 */
export function ChangeOrStopOrder({ order, unit, delivered, canChange, errors, otherSide, changeHint, changeNote }: {
  order: { quantityHundredths: number; timeFrom: string | null; timeTo: string | null };
  unit: string;
  delivered: boolean;
  canChange: boolean;
  errors: Record<string, string>;
  /** Who is told: "The provider" or "The person". */
  otherSide: string;
  changeHint?: string;
  changeNote?: string;
}) {
  return (
    <section aria-labelledby="manage-heading" className="mb-6 no-print">
      <h2 id="manage-heading" className="text-2xl font-bold mb-2">Change or stop this order</h2>
      {canChange && (
        <details className="mb-4">
          <summary className="cursor-pointer font-bold">Change the time or how long each visit is{changeHint ? ` ${changeHint}` : ""}</summary>
          {changeNote && <p className="my-2">{changeNote}</p>}
          <Form method="post" noValidate>
            <TextInput name="quantity" label={`How many ${unit === "hour" ? "hours" : "units"} each time?`} width="max-w-24" defaultValue={String(order.quantityHundredths / 100)} error={errors.quantity} />
            <div className="flex gap-4">
              <TextInput name="timeFrom" label="From" width="max-w-28" defaultValue={order.timeFrom ?? ""} error={errors.timeFrom} />
              <TextInput name="timeTo" label="To" width="max-w-28" defaultValue={order.timeTo ?? ""} error={errors.timeTo} />
            </div>
            <Button secondary name="intent" value="change">Change the order</Button>
          </Form>
        </details>
      )}
      <details>
        <summary className="cursor-pointer font-bold">{delivered ? "End this order" : "Cancel this order"}</summary>
        <CancellationTerms />
        <Form method="post" noValidate>
          <TextArea name="reason" id={delivered ? "endReason" : "cancelReason"} label={`Why? ${otherSide} is told.`} rows={2} error={errors[delivered ? "endReason" : "cancelReason"]} />
          <Button secondary name="intent" value={delivered ? "end-order" : "cancel-order"}>{delivered ? "End the order" : "Cancel the order"}</Button>
        </Form>
      </details>
    </section>
  );
}
