import { describe, expect, test } from "vitest";
import { identifyingDetails, identifyingWarning } from "./identifying";

const kinds = (text: string) => identifyingDetails(text).map((f) => `${f.kind}:${f.text}`);

describe("the warning about free text that could identify the person", () => {
  test("catches a phone number, however it is written", () => {
    expect(kinds("Please ring me on 07700 900123 after six")).toContain("phone:07700 900123");
    expect(kinds("Call 0113 496 0000")).toContain("phone:0113 496 0000");
    expect(kinds("or +44 7700-900-123")).toContain("phone:+44 7700-900-123");
  });

  test("catches an email address", () => {
    expect(kinds("write to amina.h@example.org please")).toEqual(["email:amina.h@example.org"]);
  });

  test("catches a full postcode but not the district alone, which is only the town", () => {
    expect(kinds("I live at LS6 3AA near the park")).toContain("postcode:LS6 3AA");
    expect(kinds("postcode ls63aa")).toContain("postcode:LS63AA");
    expect(kinds("Somewhere in LS6 would be good")).toEqual([]);
  });

  test("catches a name in the middle of a sentence, and one someone introduces", () => {
    expect(kinds("Lifts from my sister Carol on Mondays")).toEqual(["name:Carol"]);
    expect(kinds("My name is Amina and I like swimming")).toContain("name:Amina");
  });

  test("leaves ordinary words alone: days, months, towns, kinds of support", () => {
    expect(identifyingWarning("Someone to go swimming with me on Saturdays in Leeds, from March. I use British Sign Language.")).toBeNull();
    expect(identifyingWarning("Help at home in Hebden Bridge on Wednesday mornings, with Personal care")).toBeNull();
  });

  test("the warning says what it found", () => {
    const warning = identifyingWarning("Text 07700 900123 or email me@example.org, LS6 3AA");
    expect(warning).toMatch(/a phone number \(“07700 900123”\)/);
    expect(warning).toMatch(/an email address \(“me@example.org”\)/);
    expect(warning).toMatch(/a full postcode \(“LS6 3AA”\)/);
  });
});
