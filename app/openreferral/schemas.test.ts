// The validator the API tests rely on: it accepts the UK profile's own example responses and
// rejects broken copies of them, so a passing API test means something.
import { describe, expect, test } from "vitest";
import { example, hsdsSchema, pageProblems, problems } from "../../tests/support/hsds";

describe("the Open Referral UK schemas, as the tests read them", () => {
  test.each([
    ["compiled/service.json", "service_full.json"],
    ["compiled/organization.json", "organization_full.json"],
    ["compiled/service_at_location.json", "service_at_location_full.json"],
    ["taxonomy.json", "taxonomy.json"],
    ["taxonomy_term.json", "taxonomy_term.json"],
  ])("%s accepts the profile's example %s", (schema, file) => {
    expect(problems(hsdsSchema(schema), example(file))).toEqual([]);
  });

  test.each([
    ["compiled/service_list.json", "service_list.json"],
    ["compiled/organization_list.json", "organization_list.json"],
    ["compiled/service_at_location_list.json", "service_at_location_list.json"],
    ["taxonomy.json", "taxonomy_list.json"],
    ["taxonomy_term.json", "taxonomy_term_list.json"],
  ])("a page of %s accepts the profile's example %s", (schema, file) => {
    expect(pageProblems(schema, example(file))).toEqual([]);
  });

  test("rejects a service with a bad id, a missing status, a nested address without a postcode or an envelope without its counts", () => {
    const service = structuredClone(example("service_full.json")) as Record<string, any>;
    service.id = "42";
    delete service.status;
    delete service.service_at_locations[0].location.addresses[0].postal_code;
    expect(problems(hsdsSchema("compiled/service.json"), service)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^id:/), expect.stringMatching(/^status:/), expect.stringMatching(/^service_at_locations\.0\.location\.addresses\.0\.postal_code:/),
    ]));
    const { total_items: _dropped, ...envelope } = example("service_list.json");
    expect(pageProblems("compiled/service_list.json", envelope)).toEqual([expect.stringMatching(/total_items/)]);
  });
});
