// The forms of reviews, shared by the pages and the tests.
import { z } from "zod";
import { criteria } from "./score";

export const REVIEW_MAX = 4000;
export const REPLY_MAX = 2000;

const starsField = (what: string) =>
  z.coerce.number({ error: `Choose how many stars for ${what}` }).int().min(1, `Choose how many stars for ${what}`).max(5, `Choose how many stars for ${what}`);

/** In the easy-read form a thumb stands for stars: up is 5, in between is 3, down is 1. */
export const thumbs = [
  { value: "5", label: "Good", turn: 0 },
  { value: "3", label: "OK", turn: 90 },
  { value: "1", label: "Not good", turn: 180 },
] as const;

const criterionFields = Object.fromEntries(criteria.map((c) => [c.key, starsField(c.name.toLowerCase())])) as
  Record<(typeof criteria)[number]["key"], ReturnType<typeof starsField>>;

export const ReviewForm = z.object({
  mode: z.enum(["stars", "thumbs"]).catch("stars"),
  ...criterionFields,
  overall: starsField("the service overall"),
  body: z.string().trim().max(REVIEW_MAX, `A review can be up to ${REVIEW_MAX} characters`),
  /** Only for a free group: the person says they went. */
  attended: z.string().optional(),
}).superRefine((v, ctx) => {
  if (v.mode === "thumbs") {
    for (const key of [...criteria.map((c) => c.key), "overall"] as const) {
      if (![1, 3, 5].includes(v[key])) ctx.addIssue({ code: "custom", path: [key], message: "Choose a thumb" });
    }
  } else if (v.body.length < 10) {
    ctx.addIssue({ code: "custom", path: ["body"], message: "Say in a few words (at least 10 letters) what it was like" });
  }
});
export type ReviewInput = z.output<typeof ReviewForm>;

export const ReplyForm = z.object({
  reply: z.string().trim().min(1, "Write your reply").max(REPLY_MAX, `A reply can be up to ${REPLY_MAX} characters`),
});

export const RelationshipForm = z.object({
  stars: starsField("the working relationship"),
  note: z.string().trim().max(REPLY_MAX, `A note can be up to ${REPLY_MAX} characters`),
});

export const ReportForm = z.object({
  reason: z.string().trim().min(1, "Say what is wrong with this review").max(1000, "Say it in up to 1,000 characters"),
});

export const removalReasons = [
  { value: "personal-data", label: "It gives away someone's personal details" },
  { value: "abuse", label: "It is abusive, threatening or hateful" },
  { value: "not-a-real-experience", label: "It is not about a real experience of this service" },
] as const;

export const RemovalForm = z.object({
  reason: z.enum(["personal-data", "abuse", "not-a-real-experience"], { error: "Choose the policy reason for removing it" }),
  note: z.string().trim().min(1, "Say what in the review breaks the policy (the author and provider see this)").max(1000, "Say it in up to 1,000 characters"),
});
