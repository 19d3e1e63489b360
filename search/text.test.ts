import { describe, expect, test } from "vitest";
import { haversineMiles, queryWords, typoBudget, withinEdits } from "./text";

describe("query words", () => {
  test("lower-cases, strips accents and punctuation, and drops stop words", () => {
    expect(queryWords("Help with SHOPPING in Leeds").words).toEqual(["help", "shopping", "leeds"]);
    expect(queryWords("Café société").words).toEqual(["cafe", "societe"]);
  });

  test("never passes query syntax through: quotes, stars, NEAR, minus and braces become plain words", () => {
    expect(queryWords('"NEAR(befriending* -care) {title}:x').words).toEqual(["befriending", "care", "title", "x"]);
    expect(queryWords("'; DROP TABLE services; --").words).toEqual(["drop", "table", "services"]);
  });

  test("the last word is a prefix only while it is still being typed", () => {
    expect(queryWords("home car")).toEqual({ words: ["home", "car"], lastIsPrefix: true });
    expect(queryWords("home car ").lastIsPrefix).toBe(false);
    expect(queryWords('home "car"').lastIsPrefix).toBe(false);
    expect(queryWords("   ")).toEqual({ words: [], lastIsPrefix: false });
  });

  test("limits how much text reaches an engine", () => {
    const many = queryWords(Array.from({ length: 30 }, (_, i) => `word${i}`).join(" "));
    expect(many.words).toHaveLength(10);
    expect(queryWords("x".repeat(500)).words[0]).toHaveLength(40);
  });
});

describe("typo tolerance", () => {
  test("allows none below five letters, one from five, two from nine", () => {
    expect([typoBudget("care"), typoBudget("carer"), typoBudget("befriend"), typoBudget("befriending")]).toEqual([0, 1, 1, 2]);
  });

  test("counts insertions, deletions, substitutions and swapped neighbours as one edit each", () => {
    expect(withinEdits("befrending", "befriending", 1)).toBe(true); // missing letter
    expect(withinEdits("minibis", "minibus", 1)).toBe(true); // wrong letter
    expect(withinEdits("advocacyy", "advocacy", 1)).toBe(true); // extra letter
    expect(withinEdits("bfeirending", "befriending", 1)).toBe(false);
    expect(withinEdits("befreinding", "befriending", 1)).toBe(true); // swapped neighbours
    expect(withinEdits("transport", "passport", 2)).toBe(false);
    expect(withinEdits("abcdef", "abcxyz", 2)).toBe(false);
  });
});

test("distances match the map: Leeds to York is about 22 miles as the crow flies", () => {
  expect(haversineMiles(53.7997, -1.5492, 53.959, -1.0815)).toBeCloseTo(22.4, 0);
  expect(haversineMiles(53.8, -1.5, 53.8, -1.5)).toBe(0);
});
