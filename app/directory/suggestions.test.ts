import { describe, expect, test } from "vitest";
import { db } from "../../db/client";
import { drainAll } from "../../search/outbox";
import { seedRegion } from "../../tests/support/fixtures";
import { parseSuggestion, type SuggestionValues } from "./suggestion";
import { pendingSuggestions, suggestService } from "./suggestions.server";

const good: SuggestionValues = {
  serviceName: "Jan's mobile hairdressing", organisationName: "", categorySlug: "help-at-home", townSlug: "wetherby",
  description: "Visits you at home on Wednesdays to cut and set hair.", postcode: "ls22 6ab", deliveryModes: ["home"],
  days: ["wed"], contactPhone: "", contactWebsite: "", suggesterEmail: "",
};

describe("checking a suggestion", () => {
  test("tidies good input: trims, upper-cases the postcode, blanks become empty", () => {
    const r = parseSuggestion({ ...good, serviceName: "  Jan's mobile hairdressing  " });
    expect(r).toEqual({ ok: true, suggestion: expect.objectContaining({
      serviceName: "Jan's mobile hairdressing", postcode: "LS22 6AB", organisationName: null, contactPhone: null, suggesterEmail: null,
    }) });
  });

  test("says what is wrong with each field, in the order of the form", () => {
    const r = parseSuggestion({
      ...good, serviceName: "", description: "short", categorySlug: "", townSlug: "gotham", postcode: "NOTAPOSTCODE",
      deliveryModes: ["teleport"], contactPhone: "call me", contactWebsite: "javascript:alert(1)", suggesterEmail: "nope",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      serviceName: "Enter the name of the service",
      description: "Tell us a little more about what the service offers (at least 10 characters)",
      categorySlug: "Choose the kind of support it gives",
      townSlug: "Choose the town where it is",
      postcode: "Enter a postcode like LS6 3AA, or leave it blank",
      deliveryModes: "Choose where it happens from the list",
      contactPhone: "Enter a phone number like 0113 496 0000, or leave it blank",
      contactWebsite: "Enter a web address starting with https://, or leave it blank",
      suggesterEmail: "Enter an email address like name@example.com, or leave it blank",
    });
    expect(Object.keys(r.errors)[0]).toBe("serviceName");
  });

  test("refuses text far too long rather than storing it", () => {
    const r = parseSuggestion({ ...good, description: "x".repeat(1001) });
    expect(r).toEqual({ ok: false, errors: { description: "The description must be 1,000 characters or fewer" } });
  });
});

describe("storing a suggestion", () => {
  test("is pending, with a reference, and never reaches search until a moderator approves it", async () => {
    const engine = await seedRegion(50);
    const parsed = parseSuggestion(good);
    if (!parsed.ok) throw new Error("fixture should be valid");
    const { reference } = suggestService(parsed.suggestion);
    expect(reference).toMatch(/^S-\d{6}$/);
    expect(pendingSuggestions()).toEqual([expect.objectContaining({ serviceName: "Jan's mobile hairdressing", status: "pending" })]);
    await drainAll(db, engine);
    const found = await engine.search({ text: "hairdressing", filters: {}, sort: "relevance", page: 1, pageSize: 10 });
    expect(found.total).toBe(0);
  });
});
