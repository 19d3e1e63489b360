import { describe, expect, test } from "vitest";
import { activeFilters, parseSearchParams, searchHref } from "./search-query";

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));
const ok = (qs: string) => {
  const r = parse(qs);
  if (!r.ok) throw new Error(`expected ${qs} to parse, got ${JSON.stringify(r.errors)}`);
  return r;
};
const errorsOf = (qs: string) => {
  const r = parse(qs);
  if (r.ok) throw new Error(`expected ${qs} to be refused`);
  return r.errors;
};

describe("a search link", () => {
  test("reads words, a town, filters, sort and page", () => {
    const r = ok("q=befriending&near=leeds&radius=5&category=befriending&delivery=home&delivery=online&free=1&sort=price&page=2");
    expect(r.input).toEqual({
      text: "befriending",
      location: { label: "Leeds", lat: 53.7997, lng: -1.5492, town: "leeds", area: "leeds", postcode: null },
      radiusMiles: 5,
      filters: { category: "befriending", delivery: ["home", "online"], free: true },
      sort: "price",
      page: 2,
    });
    expect(r.notices).toEqual([]);
  });

  test("places a postcode by its district, and a postcode wins over a town", () => {
    const r = ok("postcode=ls6%203aa&near=york");
    expect(r.input.location).toMatchObject({ label: "LS6 3AA", town: "headingley", area: "leeds", postcode: "LS6 3AA" });
  });

  test("sorts nearest first when there is a place, best match when there is not", () => {
    expect(ok("near=york").input.sort).toBe("distance");
    expect(ok("q=care").input.sort).toBe("relevance");
  });
});

describe("mistakes a person must fix get a field message", () => {
  test.each([
    ["radius=-5&near=leeds", "radius", "Distance must be at least 1 mile"],
    ["radius=1000&near=leeds", "radius", "Distance must be 100 miles or less"],
    ["radius=ten", "radius", "Distance must be a number of miles"],
    ["page=0", "page", "Page must be 1 or more"],
    ["page=abc", "page", "Page must be a number"],
    ["page=1.5", "page", "Page must be a whole number"],
    ["page=100000", "page", "Page must be 500 or less"],
    ["postcode=NOTAPOSTCODE", "postcode", "Enter a postcode like LS6 3AA, or choose a town instead"],
    ["postcode=XX1%201AA", "postcode", "We cannot place XX1 on the map yet: choose a town instead"],
    [`q=${"a".repeat(2000)}`, "q", "Search words must be 200 characters or fewer"],
  ])("%s", (qs, field, message) => {
    expect(errorsOf(qs)[field]).toBe(message);
  });

  test("keeps what was typed so the form can show it again", () => {
    const r = parse("q=day%20centre&postcode=nonsense&delivery=home");
    expect(r.ok).toBe(false);
    expect(r.values).toMatchObject({ q: "day centre", postcode: "nonsense", delivery: ["home"] });
  });
});

describe("values we do not recognise are dropped with a notice", () => {
  test("unknown filter values, towns and sorts", () => {
    const r = ok("category=nonsense&area=atlantis&delivery=teleport&delivery=home&near=gotham&sort=cheapest&foo=bar");
    expect(r.input.filters).toEqual({ delivery: ["home"] });
    expect(r.input.location).toBeNull();
    expect(r.notices).toEqual([
      "We do not know the town “gotham”, so results are not limited by distance.",
      "We ignored the council area “atlantis”, which we do not recognise.",
      "We ignored the category “nonsense”, which we do not recognise.",
      "We ignored the way of delivering “teleport”, which we do not recognise.",
      "We ignored the sort order “cheapest”, which we do not recognise.",
    ]);
  });

  test("sorting by distance without a place falls back to best match and says so", () => {
    const r = ok("q=care&sort=distance");
    expect(r.input.sort).toBe("relevance");
    expect(r.notices[0]).toMatch(/Choose a town or postcode to sort by distance/);
  });

  test("query syntax in the words is just text here; engines escape it", () => {
    expect(ok('q="NEAR(x*%20-care').input.text).toBe('"NEAR(x* -care');
  });
});

describe("links that change one thing", () => {
  const values = ok("q=care&near=leeds&delivery=home&delivery=online&page=3").values;
  test("keep everything else and go back to page 1", () => {
    expect(searchHref(values, { category: "befriending" })).toBe("/search?q=care&near=leeds&category=befriending&delivery=home&delivery=online");
  });
  test("paging keeps the filters", () => {
    expect(searchHref(values, { page: "4" })).toBe("/search?q=care&near=leeds&page=4&delivery=home&delivery=online");
  });
  test("each active filter has a link that removes just it", () => {
    const r = ok("q=care&category=befriending&delivery=home&delivery=online&free=1");
    expect(activeFilters(r.values, r.input)).toEqual([
      { label: "Befriending", removeHref: "/search?q=care&free=1&delivery=home&delivery=online" },
      { label: "Free only", removeHref: "/search?q=care&category=befriending&delivery=home&delivery=online" },
      { label: "At home", removeHref: "/search?q=care&category=befriending&free=1&delivery=online" },
      { label: "Online or by phone", removeHref: "/search?q=care&category=befriending&free=1&delivery=home" },
    ]);
  });
});

describe("a minimum review rating", () => {
  test("\"rated 4 stars and up\" asks the engine for a score of 4 or more, and can be taken off again", () => {
    const r = ok("q=care&stars=4");
    expect(r.input.filters).toEqual({ minRating: 4 });
    expect(activeFilters(r.values, r.input)).toEqual([{ label: "Rated 4 stars and up", removeHref: "/search?q=care" }]);
    expect(ok("stars=3").input.filters).toEqual({ minRating: 3 });
  });
  test("a rating we do not offer is dropped with a notice, not guessed at", () => {
    for (const stars of ["5", "4.5", "0", "lots"]) {
      const r = ok(`q=care&stars=${stars}`);
      expect(r.input.filters).toEqual({});
      expect(r.notices).toEqual([`We ignored the review rating “${stars}”, which we do not recognise.`]);
    }
  });
});
