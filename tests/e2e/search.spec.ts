// Finding support from the home page: a misspelt search near a town, filters, paging, and a
// service and its organisation, the way a person clicks through them.
import {
  choiceCount, expect, filterChoice, FRESHNESS, pageOf, PRICE, removeChip, resultCards, resultCount, resultsHeading, resultTitles, test,
} from "./support";

const KINDS = /· (Registered provider|Micro-enterprise|Community group|User-led organisation|Peer network)/;
const VETTING = /DBS checked|Insured|Safeguarding trained|CQC rating: |No vetting facts recorded yet/;

test("a misspelt search near Leeds finds befriending services, nearest first, with the facts people compare", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "What support are you looking for?" }).fill("befrending");
  await page.getByLabel("Near a town").selectOption({ label: "Leeds" });
  await page.getByRole("button", { name: "Search", exact: true }).click();

  await expect(page).toHaveURL(/\/search\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("q")).toBe("befrending");
  expect(url.searchParams.get("near")).toBe("leeds");
  await expect(resultsHeading(page)).toHaveText(/^\d[\d,]* services? for “befrending” within 10 miles of Leeds$/);
  expect(await resultCount(page)).toBeGreaterThan(0);

  const titles = await resultTitles(page);
  expect(titles.length).toBeGreaterThan(0);
  const befriending = titles.filter((t) => /befriending/i.test(t));
  // The typo still finds the word: most of the first page is titled with it.
  expect(befriending.length, `titles: ${titles.join(" | ")}`).toBeGreaterThanOrEqual(Math.ceil(titles.length / 2));

  const cards = resultCards(page);
  const distances: number[] = [];
  for (const card of await cards.all()) {
    const text = await card.innerText();
    const title = await card.getByRole("heading", { level: 3 }).innerText();
    const where = `in the card "${title}"`;
    const miles = /(less than 0\.1|\d+(?:\.\d)?) miles? away/.exec(text);
    expect(miles, `distance ${where}`).not.toBeNull();
    distances.push(miles![1] === "less than 0.1" ? 0 : Number(miles![1]));
    expect(text, `price ${where}`).toMatch(PRICE);
    expect(text, `organisation kind ${where}`).toMatch(KINDS);
    expect(text, `vetting facts ${where}`).toMatch(VETTING);
    expect(text, `when it was checked ${where}`).toMatch(FRESHNESS);
    await expect(card.getByRole("link", { name: title })).toHaveAttribute("href", /^\/services\/\d+$/);
  }
  // Nearest first, and nothing outside the 10 miles the heading promises.
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
  expect(Math.max(...distances)).toBeLessThanOrEqual(10);
});

test("two filters narrow the results, live in the URL, show as chips and can be removed one at a time", async ({ page }) => {
  await page.goto("/search?q=befriending&near=leeds&radius=25");
  const before = await resultCount(page);

  const communityPromised = await choiceCount(filterChoice(page, "Where it happens", "In the community"));
  await filterChoice(page, "Where it happens", "In the community").check();
  await filterChoice(page, "Free only", "Free only").check();
  await page.getByRole("button", { name: "Apply filters" }).click();

  // The chips show once the new results are drawn (the URL can change a moment before).
  await expect(removeChip(page, "In the community")).toBeVisible();
  await expect(removeChip(page, "Free only")).toBeVisible();
  const url = new URL(page.url());
  expect(url.searchParams.get("q")).toBe("befriending");
  expect(url.searchParams.get("near")).toBe("leeds");
  expect(url.searchParams.get("radius")).toBe("25");
  expect(url.searchParams.getAll("delivery")).toEqual(["community"]);
  expect(url.searchParams.get("free")).toBe("1");

  const both = await resultCount(page);
  expect(both).toBeGreaterThan(0);
  expect(both).toBeLessThan(before);
  // Every card shown is free and happens in the community.
  const cards = await resultCards(page).all();
  expect(cards.length).toBe(Math.min(both, 20));
  for (const card of cards) {
    const title = await card.getByRole("heading", { level: 3 }).innerText();
    await expect(card.locator(":scope > p > strong"), `price of "${title}"`).toHaveText("Free");
    await expect(card.getByText(/In the community/), `where "${title}" happens`).toBeVisible();
  }
  // The form remembers what was chosen.
  await expect(filterChoice(page, "Where it happens", "In the community")).toBeChecked();
  await expect(filterChoice(page, "Free only", "Free only")).toBeChecked();

  // Removing "Free only" keeps the other filter and brings the paid services back.
  await removeChip(page, "Free only").click();
  await expect(page).not.toHaveURL(/[?&]free=/);
  expect(new URL(page.url()).searchParams.getAll("delivery")).toEqual(["community"]);
  await expect(removeChip(page, "Free only")).toHaveCount(0);
  await expect(removeChip(page, "In the community")).toBeVisible();
  await expect(filterChoice(page, "Free only", "Free only")).not.toBeChecked();
  const communityOnly = await resultCount(page);
  expect(communityOnly, "the count that was beside “In the community”").toBe(communityPromised);
  expect(communityOnly).toBeGreaterThan(both);
  expect(communityOnly).toBeLessThan(before);
  const prices = await resultCards(page).locator(":scope > p > strong").allInnerTexts();
  expect(prices.some((p) => p !== "Free"), `prices: ${prices.join(", ")}`).toBe(true);

  // And removing the last filter gives back the search we started with.
  await removeChip(page, "In the community").click();
  await expect(page).not.toHaveURL(/[?&]delivery=/);
  await expect(removeChip(page, "In the community")).toHaveCount(0);
  expect(await resultCount(page)).toBe(before);
});

test("a category radio filter: every service shown is in that category, on its card and on its page", async ({ page }) => {
  await page.goto("/search?near=sheffield&radius=15");
  const before = await resultCount(page);
  const promised = await choiceCount(filterChoice(page, "Kind of support", "Peer support", "radio"));
  await filterChoice(page, "Kind of support", "Peer support", "radio").check();
  await page.getByRole("button", { name: "Apply filters" }).click();

  await expect(removeChip(page, "Peer support")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("category")).toBe("peer-support");
  const after = await resultCount(page);
  expect(after, "the count beside the filter").toBe(promised);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  await expect(resultsHeading(page)).toHaveText(/within 15 miles of Sheffield$/);
  await expect(filterChoice(page, "Kind of support", "Peer support", "radio")).toBeChecked();
  for (const card of await resultCards(page).all()) {
    await expect(card.getByText(/· Peer support ·/)).toBeVisible();
  }

  // The service page agrees with the card.
  await resultCards(page).first().getByRole("heading", { level: 3 }).getByRole("link").click();
  await expect(page).toHaveURL(/\/services\/\d+$/);
  await expect(page.getByText("Peer support", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /^More peer support near / })).toBeVisible();
});

test("paging: page 2 shows other services; a service opened from it has its details; Back returns to page 2", async ({ page }) => {
  await page.goto("/search?q=befriending&near=leeds&radius=50&delivery=home");
  const [first, pages] = await pageOf(page);
  expect(first).toBe(1);
  expect(pages).toBeGreaterThanOrEqual(2);
  const page1 = await resultTitles(page);
  const page1Links = await resultCards(page).getByRole("heading", { level: 3 }).getByRole("link").evaluateAll(
    (links) => links.map((a) => a.getAttribute("href")),
  );

  const pagination = page.getByRole("navigation", { name: "Results pages" });
  await pagination.getByRole("link", { name: /^Next page/ }).click();
  await expect(page.getByText(`Page 2 of ${pages}`, { exact: true })).toBeVisible();
  await expect(pagination.getByText("2", { exact: true })).toHaveAttribute("aria-current", "page");
  const url = new URL(page.url());
  expect(url.searchParams.get("page")).toBe("2");
  expect(url.searchParams.getAll("delivery")).toEqual(["home"]);
  expect(url.searchParams.get("q")).toBe("befriending");
  await expect(page.getByRole("link", { name: /^Remove filter: At home/ })).toBeVisible();

  const page2 = await resultTitles(page);
  const page2Links = await resultCards(page).getByRole("heading", { level: 3 }).getByRole("link").evaluateAll(
    (links) => links.map((a) => a.getAttribute("href")),
  );
  expect(page2.length).toBeGreaterThan(0);
  expect(page2Links.filter((href) => page1Links.includes(href)), "services on both pages").toEqual([]);
  expect(page2).not.toEqual(page1);

  // Open the third service on page 2.
  const card = resultCards(page).nth(Math.min(2, page2.length - 1));
  const title = await card.getByRole("heading", { level: 3 }).innerText();
  const cardText = await card.innerText();
  const price = await card.locator(":scope > p > strong").first().innerText();
  await card.getByRole("link", { name: title, exact: true }).click();

  await expect(page).toHaveURL(/\/services\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const organisation = page.getByRole("main").locator("a[href^='/organisations/']");
  await expect(organisation).toBeVisible();
  expect(cardText).toContain(await organisation.innerText());
  await expect(page.getByText(price, { exact: true })).toBeVisible();
  const times = page.getByRole("table", { name: "Days and times" });
  await expect(times.getByRole("rowheader")).toHaveText(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
  await expect(times.getByRole("cell").filter({ hasText: /^\d{2}:\d{2} to \d{2}:\d{2}$/ }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Accessibility", level: 2 })).toBeVisible();
  const where = page.getByRole("region", { name: "Where it is" });
  await expect(where).toContainText(/[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|latitude -?\d+\.\d+, longitude -?\d+\.\d+/);
  await expect(where).toContainText(/Map reference: latitude 5[34]\.\d{4}, longitude -?[0-2]\.\d{4}/);
  // A text map reference, no map: no tiles, images or embedded maps to load.
  await expect(where.locator("img, iframe, canvas, svg")).toHaveCount(0);
  // The "Where" row of the details matches the filter we chose.
  await expect(page.getByRole("definition").first()).toContainText("At home");
  const contact = page.getByRole("region", { name: /^Contact / });
  await expect(contact).toContainText(/Phone: |Email: |Website: |No contact details listed\./);
  await expect(page.getByRole("heading", { name: "Checks", level: 2 })).toBeVisible();
  await expect(page.getByText(/Checked (today|\d+ days? ago)|Not checked for over a year/).first()).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/search\?/);
  await expect(page.getByText(`Page 2 of ${pages}`, { exact: true })).toBeVisible();
  expect(new URL(page.url()).searchParams.getAll("delivery")).toEqual(["home"]);
  await expect(page.getByRole("link", { name: /^Remove filter: At home/ })).toBeVisible();
  expect(await resultTitles(page)).toEqual(page2);
});

test("an organisation page lists its services and how to contact it", async ({ page }) => {
  await page.goto("/search?q=befriending&near=york&radius=50");
  const card = resultCards(page).first();
  const serviceTitle = await card.getByRole("heading", { level: 3 }).innerText();
  await card.getByRole("link", { name: serviceTitle, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(serviceTitle);
  const serviceUrl = new URL(page.url()).pathname;

  const orgLink = page.locator("a[href^='/organisations/']").first();
  const orgName = await orgLink.innerText();
  await orgLink.click();
  await expect(page).toHaveURL(/\/organisations\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(orgName);
  await expect(page.getByText(/^(Registered provider|Micro-enterprise|Community group|User-led organisation|Peer network)$/)).toBeVisible();

  const contact = page.getByRole("region", { name: "Contact" });
  await expect(contact.getByRole("link", { name: /^0\d{3,4} ?\d{3} ?\d{3,4}$/ })).toHaveAttribute("href", /^tel:0\d+$/);
  await expect(contact.getByRole("link", { name: /@/ })).toHaveAttribute("href", /^mailto:.+@.+/);
  await expect(contact).toContainText(/Map reference: latitude \d+\.\d{4}, longitude -?\d+\.\d{4}/);

  const services = page.getByRole("region", { name: /^Services \(\d+\)$/ });
  const heading = await services.getByRole("heading", { level: 2 }).innerText();
  const total = Number(/\((\d+)\)/.exec(heading)![1]);
  expect(total).toBeGreaterThanOrEqual(1);
  const listed = services.getByRole("heading", { level: 3 }).getByRole("link");
  await expect(listed).toHaveCount(Math.min(total, 20));
  for (const price of await services.getByRole("listitem").locator("strong").allInnerTexts()) expect(price).toMatch(PRICE);

  // The service we came from is one of them (looking through the organisation's pages if it has many).
  const hrefs: (string | null)[] = [];
  for (let p = 1; p <= Math.ceil(total / 20); p++) {
    if (p > 1) await page.goto(`${new URL(page.url()).pathname}?page=${p}`);
    hrefs.push(...await listed.evaluateAll((links) => links.map((a) => a.getAttribute("href"))));
  }
  expect(hrefs).toHaveLength(total);
  expect(hrefs).toContain(serviceUrl);
});

test("\"rated 4 stars and up\": only services whose review score is 4 or more, and the chip takes it off", async ({ page }) => {
  await page.goto("/search?q=");
  const before = await resultCount(page);
  await page.locator("summary", { hasText: /^Reviews$/ }).click(); // the group starts folded
  await page.getByRole("group", { name: "Reviews", exact: true }).getByRole("radio", { name: "Rated 4 stars and up" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();

  await expect(removeChip(page, "Rated 4 stars and up")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("stars")).toBe("4");
  const after = await resultCount(page);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  for (const line of await resultCards(page).getByText(/^Reviews: /).allInnerTexts()) {
    const score = /^Reviews: (\d\.\d) from \d+ reviews?$/.exec(line);
    expect(score, line).not.toBeNull();
    expect(Number(score![1])).toBeGreaterThanOrEqual(4);
  }
  await expect(page.getByRole("group", { name: "Reviews", exact: true }).getByRole("radio", { name: "Rated 4 stars and up" })).toBeChecked();

  await removeChip(page, "Rated 4 stars and up").click();
  await expect(removeChip(page, "Rated 4 stars and up")).toHaveCount(0);
  expect(await resultCount(page)).toBe(before);
});
