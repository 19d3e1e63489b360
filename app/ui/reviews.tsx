// Reviews on pages: scores ("4.6 from 23 reviews"), a review with its reply, and the star or
// thumb questions of the review form. Review text is rendered as text (React escapes it), never as HTML.
import { criteria, describeScore, type ScoreKey, type ScoreLine, showsScore } from "../reviews/score";
import { thumbs } from "../reviews/review-form";
import { formatDate } from "../directory/format";

const stars = (n: number) => `${"★".repeat(n)}${"☆".repeat(5 - n)}`;

/** Stars as text, with a reading for screen readers. */
export function Stars({ value }: { value: number }) {
  return <span><span aria-hidden="true">{stars(value)}</span><span className="sr-only">{value} out of 5</span></span>;
}

/** A listing's score in one line, or that it has too few reviews for one. */
export function ScoreLineText({ line }: { line: ScoreLine }) {
  return <span data-testid="score">{describeScore(line)}</span>;
}

export function ScoreTable({ scores }: { scores: Record<ScoreKey, ScoreLine> }) {
  if (!showsScore(scores.overall)) return <p className="text-lg mb-2"><ScoreLineText line={scores.overall} /></p>;
  return (
    <>
      <p className="text-2xl font-bold mb-2"><ScoreLineText line={scores.overall} /></p>
      <table className="mb-4">
        <caption className="sr-only">Scores for each question</caption>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.key} className="border-b border-line">
              <th scope="row" className="text-left font-normal pr-6 py-1">{c.name}</th>
              <td>{scores[c.key].score?.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

type ShownReview = {
  id: number; basis: string; byRepresentative: boolean; reliability: number; communication: number; value: number; helpedMe: number; overall: number;
  body: string; submittedAt: string; editedAt?: string | null; reply: string | null; repliedAt: string | null;
};

export function ReviewCard({ review: r, organisationName, actions }: { review: ShownReview; organisationName: string; actions?: React.ReactNode }) {
  return (
    <article className="border-b border-line py-3" aria-labelledby={`review-${r.id}`}>
      <h3 id={`review-${r.id}`} className="font-bold text-lg"><Stars value={r.overall} /> <span className="sr-only">Review written </span>{formatDate(r.submittedAt)}</h3>
      <p className="text-sm mb-1">
        <strong>{r.basis === "attended" ? "Not a verified purchase: the reviewer says they went" : "Verified purchase"}</strong>
        {r.byRepresentative && " · Written by a representative for the person who received the support"}
        {r.editedAt && ` · Changed by its writer on ${formatDate(r.editedAt)}`}
      </p>
      <ul className="text-sm text-muted flex flex-wrap gap-x-4 mb-1">
        {criteria.map((c) => <li key={c.key}>{c.name}: {r[c.key]} of 5</li>)}
      </ul>
      {r.body && <p className="whitespace-pre-line">{r.body}</p>}
      {r.reply && (
        <div className="border-l-4 border-link pl-3 mt-2">
          <p className="font-bold">Reply from {organisationName}{r.repliedAt && <span className="font-normal text-muted">, {formatDate(r.repliedAt)}</span>}</p>
          <p className="whitespace-pre-line">{r.reply}</p>
        </div>
      )}
      {actions}
    </article>
  );
}

/** A thumb drawn (not an emoji, which not every device has): up, sideways or down. */
function Thumb({ turn }: { turn: number }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="32" height="32" style={{ transform: `rotate(${turn}deg)` }} className="inline-block">
      <path fill="currentColor" d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z" />
    </svg>
  );
}

/** One question of the review form: five stars, or three thumbs in the easy-read form. */
export function RatingQuestion({ name, legend, hint, mode, error, checked }: { name: string; legend: string; hint?: string; mode: "stars" | "thumbs"; error?: string; checked?: string }) {
  const options = mode === "thumbs" ? thumbs.map((t) => ({ value: t.value, label: t.label, turn: t.turn as number | null }))
    : [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n} ${n === 1 ? "star" : "stars"}${n === 5 ? " (very good)" : n === 1 ? " (very poor)" : ""}`, turn: null }));
  return (
    <fieldset id={name} className={`mb-5 ${error ? "border-l-4 border-warn pl-3" : ""}`} aria-describedby={error ? `${name}-error` : hint ? `${name}-hint` : undefined}>
      <legend className="font-bold text-lg mb-1">{legend}</legend>
      {hint && <p id={`${name}-hint`} className="text-muted mb-1">{hint}</p>}
      {error && <p id={`${name}-error`} className="font-bold text-warn mb-1"><span className="sr-only">Error:</span> {error}</p>}
      <div className={`flex flex-wrap gap-x-5 gap-y-1 ${mode === "thumbs" ? "text-xl" : ""}`}>
        {options.map((o) => (
          <span key={o.value} className="flex items-center gap-2">
            <input type="radio" id={`${name}-${o.value}`} name={name} value={o.value} defaultChecked={checked === o.value} className="size-5 accent-ink" />
            <label htmlFor={`${name}-${o.value}`} className="flex items-center gap-1">{o.turn !== null && <Thumb turn={o.turn} />}{o.label}</label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}

/** The questions of the review form, as stars or (easy read) thumbs; text last. */
export function ReviewQuestions({ mode, errors, values }: { mode: "stars" | "thumbs"; errors: Record<string, string>; values: Record<string, string | string[]> }) {
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  return (
    <>
      <input type="hidden" name="mode" value={mode} />
      {criteria.map((c) => <RatingQuestion key={c.key} name={c.key} legend={c.name} hint={c.question} mode={mode} error={errors[c.key]} checked={v(c.key)} />)}
      <RatingQuestion name="overall" legend="Overall" hint="All in all, how was it?" mode={mode} error={errors.overall} checked={v("overall")} />
      <div className={`mb-5 ${errors.body ? "border-l-4 border-warn pl-3" : ""}`}>
        <label htmlFor="body" className="block font-bold text-lg mb-1">{mode === "thumbs" ? "Anything you want to say? (you can leave this empty)" : "Your review"}</label>
        <p id="body-hint" className="text-muted mb-1">What was good, and what could be better? Do not include anyone's name, address or health details: the review is public.</p>
        {errors.body && <p id="body-error" className="font-bold text-warn mb-1"><span className="sr-only">Error:</span> {errors.body}</p>}
        <textarea id="body" name="body" rows={6} defaultValue={v("body")} aria-describedby={`body-hint${errors.body ? " body-error" : ""}`}
          aria-invalid={errors.body ? true : undefined} className={`block w-full border-2 ${errors.body ? "border-warn" : "border-ink"} px-2 py-1.5 bg-white`} />
      </div>
    </>
  );
}
