import { describe, expect, test } from "vitest";
import { type Actor, canActForPerson, canActForRequest, canAnswerRequest, canManageOrganisation, canManageStaff, canSeeArea, isModerator } from "./permissions";

const actor = (over: Partial<Actor> = {}): Actor => ({
  sessionId: 1, user: { id: 10, name: "A", email: "a@example.org" }, roles: [], areas: [], organisations: [], represents: [], ...over,
});

describe("a person's record", () => {
  test("is open to the person and to people acting for them, and to nobody else", () => {
    expect(canActForPerson(actor(), 10)).toBe(true);
    expect(canActForPerson(actor({ represents: [11] }), 11)).toBe(true);
    expect(canActForPerson(actor({ represents: [11] }), 12)).toBe(false);
    expect(canActForPerson(null, 10)).toBe(false);
  });
  test("is not open to moderators, admins or commissioners by their role", () => {
    for (const roles of [["moderator"], ["admin"], ["commissioner"]] as const) {
      expect(canActForPerson(actor({ roles: [...roles], areas: ["leeds"] }), 11)).toBe(false);
    }
  });
});

describe("an organisation", () => {
  test("is managed by its staff; only owners manage staff", () => {
    const staff = actor({ organisations: [{ id: 5, role: "staff" }] });
    const owner = actor({ organisations: [{ id: 5, role: "owner" }] });
    expect(canManageOrganisation(staff, 5)).toBe(true);
    expect(canManageOrganisation(staff, 6)).toBe(false);
    expect(canManageStaff(staff, 5)).toBe(false);
    expect(canManageStaff(owner, 5)).toBe(true);
    expect(canManageStaff(owner, 6)).toBe(false);
  });
  test("admins can support any organisation; moderators cannot edit listings", () => {
    expect(canManageOrganisation(actor({ roles: ["admin"] }), 99)).toBe(true);
    expect(canManageOrganisation(actor({ roles: ["moderator"] }), 99)).toBe(false);
    expect(isModerator(actor({ roles: ["admin"] }))).toBe(true);
  });
});

test("a commissioner sees only the areas they are assigned to", () => {
  const kim = actor({ roles: ["commissioner"], areas: ["leeds", "bradford"] });
  expect(canSeeArea(kim, "leeds")).toBe(true);
  expect(canSeeArea(kim, "york")).toBe(false);
  expect(canSeeArea(actor({ areas: ["leeds"] }), "leeds")).toBe(false);
});

describe("a looking-for post or request for quotes", () => {
  test("is answered by staff of an organisation serving its area and kind, and by nobody else, admins included", () => {
    expect(canAnswerRequest(actor({ organisations: [{ id: 5, role: "staff" }] }), [5, 7])).toBe(true);
    expect(canAnswerRequest(actor({ organisations: [{ id: 6, role: "owner" }] }), [5, 7])).toBe(false);
    expect(canAnswerRequest(actor({ roles: ["admin"] }), [5])).toBe(false);
    expect(canAnswerRequest(null, [5])).toBe(false);
  });
  test("is the person's, and their representative's, to read offers on and accept", () => {
    expect(canActForRequest(actor(), { personId: 10 })).toBe(true);
    expect(canActForRequest(actor({ represents: [11] }), { personId: 11 })).toBe(true);
    expect(canActForRequest(actor({ organisations: [{ id: 5, role: "owner" }] }), { personId: 11 })).toBe(false);
  });
});
