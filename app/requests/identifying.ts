// Free text that looks as if it could identify the person: a phone number, an email address, a
// full postcode, or a name. Requests go to providers anonymised, so the forms warn about these
// before anything is put out (the person can still go ahead: it is their text). Names can only
// be guessed: a capitalised word in the middle of a sentence that is not a day, month, place,
// kind of support or other word we know.
import { localAuthorities } from "../directory/region";
import { categories, days, languages } from "../directory/vocabulary";

export type Finding = { kind: "phone" | "email" | "postcode" | "name"; text: string };

const EMAIL = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}/gi;
// UK numbers: 07700 900123, 0113 496 0000, +44 (0)7700 900 123, with spaces or dashes.
const PHONE = /(?:\+44\s*(?:\(0\)\s*)?|\b0)\d(?:[\s-]?\d){8,9}\b/g;
// A whole postcode narrows to a street; the district alone ("LS6") is a town and is fine.
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;
const INTRODUCED = /\b(?:my name is|i am called|i'm called|call me|name's)\s+([A-Z][a-z'-]+)/gi;

const known = new Set<string>([
  "I", "I'm", "I've", "I'd", "I'll", "PA", "PAs", "GP", "NHS", "ISF", "CQC", "UK", "DBS", "OK", "TV", "BSL", "ADHD", "MS", "COPD",
  "Mr", "Mrs", "Ms", "Dr", "Christmas", "Easter", "Eid", "Diwali", "Ramadan", "Bank", "Holiday", "Holidays", "Council", "Weave",
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
  "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
  "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Weekdays", "Weekends",
  "Yorkshire", "Humber", "English", "Sign", "Language", "Asian", "British",
]);
const addWords = (text: string) => { for (const w of text.split(/[^A-Za-z']+/)) if (w) known.add(w); };
for (const d of days) { addWords(d.name); known.add(`${d.name}s`); }
for (const a of localAuthorities) { addWords(a.name); for (const t of a.towns) addWords(t.name); }
for (const c of categories) addWords(c.name);
for (const l of languages) addWords(l);

function names(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(INTRODUCED)) found.push(m[1]!);
  // Split into sentences; the first word of each is capitalised anyway.
  for (const sentence of text.split(/[.!?\n]+/)) {
    const words = sentence.trim().split(/\s+/).filter(Boolean);
    words.slice(1).forEach((raw) => {
      const word = raw.replace(/^[^A-Za-z]+|[^A-Za-z']+$/g, "").replace(/'s$/, "");
      if (/^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$/.test(word) && !known.has(word)) found.push(word);
    });
  }
  return [...new Set(found)];
}

/** Everything in the text that could identify someone, in the order: emails, phones, postcodes, names. */
export function identifyingDetails(text: string): Finding[] {
  const findings: Finding[] = [];
  const emails = [...text.matchAll(EMAIL)].map((m) => m[0]);
  for (const e of emails) findings.push({ kind: "email", text: e });
  // An email's digits are not a phone number too.
  const rest = emails.reduce((t, e) => t.replace(e, " "), text);
  for (const m of rest.matchAll(PHONE)) findings.push({ kind: "phone", text: m[0].trim() });
  for (const m of rest.matchAll(POSTCODE)) findings.push({ kind: "postcode", text: m[0].toUpperCase() });
  for (const n of names(rest)) findings.push({ kind: "name", text: n });
  return findings;
}

const described: Record<Finding["kind"], string> = {
  email: "an email address", phone: "a phone number", postcode: "a full postcode", name: "a name",
};

/** The warning a form shows: what was found, in plain English. Null when nothing was. */
export function identifyingWarning(text: string): string | null {
  const findings = identifyingDetails(text);
  if (findings.length === 0) return null;
  const list = findings.map((f) => `${described[f.kind]} (“${f.text}”)`);
  return `This may identify you to providers: it looks like it has ${list.join(", ")}. Providers should not know who you are until you accept an offer. Take it out, or tick the box to send it as it is.`;
}
