// The OpenAPI document served at /openreferral/openapi.json. It is adapted from the Open
// Referral UK profile's own (schema/openapi.json in OpenReferralUK/uk-profile, commit
// ecdfabf7, CC BY-SA 4.0 © the Open Referral project) to say what Weave implements: the same
// paths, parameters and response schemas, less the filters we do not offer, plus
// /organizations, organization_id, postcode, proximity and modified_after, and the 400 and 404
// answers. Being an adaptation, it is shared under the same licence.
import type { Context } from "./mapping";
import { DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, MAX_PROXIMITY_METRES } from "./query";

const COMPILED = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema";

const json = (schema: object, description: string) => ({ description, content: { "application/json": { schema } } });
const pageOf = (itemSchema: string, description: string) =>
  json({ allOf: [{ $ref: "#/components/schemas/Page" }], properties: { contents: { type: "array", items: { $ref: itemSchema } } } }, description);
const errors = {
  400: { $ref: "#/components/responses/BadRequest" },
};
const notFound = { 404: { $ref: "#/components/responses/NotFound" } };
const idParameter = (what: string) => ({
  in: "path", name: "id", required: true, description: `The id (a UUID) of the ${what}.`, schema: { type: "string", format: "uuid" },
});
const p = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const serviceFilters = ["search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "organization_id", "postcode", "proximity", "modified_after"].map(p);

export function openApiDocument(ctx: Context) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Weave directory: Open Referral UK API",
      version: "3.0",
      description:
        "Read-only access to Weave's published care and support services in Yorkshire and the Humber, in the Open Referral UK profile " +
        "of the Human Services Data Specification (HSDS) 3.0. Only published listings are served, and no personal data. " +
        "Unknown query parameters are ignored; a parameter with a bad value is answered with 400 and a message. " +
        "Adapted from the Open Referral UK profile's OpenAPI document (https://github.com/OpenReferralUK/uk-profile, " +
        "schema/openapi.json): Human Services Data Specification, an Open Referral resource (https://openreferral.org/).",
      license: { name: "Creative Commons Attribution Share-Alike 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" },
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: `${ctx.origin}/openreferral` }],
    paths: {
      "/": {
        get: {
          summary: "Retrieve information about this API and its relationship with HSDS.",
          operationId: "getAPIMetaInformation",
          responses: {
            200: json({
              type: "object",
              properties: {
                version: { type: "string", description: "HSDS version of this API." },
                profile: { type: "string", format: "uri", description: "URL of the information on the HSDS profile of this API." },
                openapi_url: { type: "string", format: "uri", description: "URL of the openapi JSON file which defines this API." },
              },
            }, "A JSON response providing information about this API."),
          },
        },
      },
      "/services": {
        get: {
          summary: "Retrieves paginated listings of services that only have one-to-one fields in them.",
          operationId: "getPaginatedListOfServices",
          parameters: serviceFilters,
          responses: { 200: pageOf(`${COMPILED}/compiled/service_list.json`, "A paginated list of services."), ...errors },
        },
      },
      "/services/{id}": {
        parameters: [idParameter("service")],
        get: {
          summary: "Retrieve a fully nested service with all related data.",
          operationId: "getFullyNestedServiceById",
          responses: { 200: json({ $ref: `${COMPILED}/compiled/service.json` }, "A service with all related data."), ...errors, ...notFound },
        },
      },
      "/service_at_locations": {
        get: {
          summary: "Retrieve paginated listings of service_at_location that only have one-to-one fields in them.",
          operationId: "getPaginatedListOfServiceAtLocation",
          parameters: serviceFilters,
          responses: { 200: pageOf(`${COMPILED}/compiled/service_at_location_list.json`, "A paginated list of services at locations."), ...errors },
        },
      },
      "/service_at_locations/{id}": {
        parameters: [idParameter("service at location")],
        get: {
          summary: "Retrieve a fully nested service_at_location with all related data.",
          operationId: "getServiceAtLocationWithNestedDataById",
          responses: {
            200: json({ $ref: `${COMPILED}/compiled/service_at_location.json` }, "A service at a location, with its location and service."),
            ...errors, ...notFound,
          },
        },
      },
      "/organizations": {
        get: {
          summary: "Retrieve paginated listings of organizations that only have one-to-one fields in them.",
          operationId: "getPaginatedListOfOrganizations",
          parameters: ["search", "page", "per_page", "modified_after"].map(p),
          responses: { 200: pageOf(`${COMPILED}/compiled/organization_list.json`, "A paginated list of organizations."), ...errors },
        },
      },
      "/organizations/{id}": {
        parameters: [idParameter("organization")],
        get: {
          summary: "Retrieve a fully nested organization with its published services.",
          operationId: "getOrganizationById",
          responses: { 200: json({ $ref: `${COMPILED}/compiled/organization.json` }, "An organization with its services."), ...errors, ...notFound },
        },
      },
      "/taxonomies": {
        get: {
          summary: "Paginated listing of taxonomies.",
          operationId: "getPaginatedListOfTaxonomies",
          parameters: ["page", "per_page"].map(p),
          responses: { 200: pageOf(`${COMPILED}/taxonomy.json`, "Paginated listing of taxonomies."), ...errors },
        },
      },
      "/taxonomies/{id}": {
        parameters: [idParameter("taxonomy")],
        get: {
          summary: "Full information on a taxonomy.",
          operationId: "getTaxonomyById",
          responses: { 200: json({ $ref: `${COMPILED}/taxonomy.json` }, "A taxonomy."), ...errors, ...notFound },
        },
      },
      "/taxonomy_terms": {
        get: {
          summary: "Paginated listing of taxonomy terms.",
          operationId: "getPaginatedListOfTaxonomyTerms",
          parameters: ["page", "per_page", "taxonomy_id"].map(p),
          responses: { 200: pageOf(`${COMPILED}/taxonomy_term.json`, "Paginated listing of taxonomy terms."), ...errors },
        },
      },
      "/taxonomy_terms/{id}": {
        parameters: [idParameter("taxonomy term")],
        get: {
          summary: "Full information on a taxonomy term.",
          operationId: "getTaxonomyTermById",
          responses: { 200: json({ $ref: `${COMPILED}/taxonomy_term.json` }, "A taxonomy term."), ...errors, ...notFound },
        },
      },
    },
    components: {
      schemas: {
        Page: {
          type: "object",
          required: ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
          properties: {
            total_items: { type: "integer", description: "The total number of entities (e.g. services, organizations) returned" },
            total_pages: { type: "integer", description: "Count of total pages." },
            page_number: { type: "integer", description: "The number of the current page" },
            size: { type: "integer", description: "The number of entities in the current page." },
            first_page: { type: "boolean", description: "A Boolean value indicating if this is the first page" },
            last_page: { type: "boolean", description: "A Boolean value indicating if this is the last page" },
            empty: { type: "boolean", description: "A Boolean value indicating if there is an empty result set" },
          },
        },
        Error: {
          type: "object",
          required: ["status", "message"],
          properties: {
            status: { type: "integer" },
            message: { type: "string", description: "What was wrong, in plain English." },
            errors: {
              type: "array",
              items: { type: "object", properties: { parameter: { type: "string" }, message: { type: "string" } } },
            },
          },
        },
      },
      responses: {
        BadRequest: json({ $ref: "#/components/schemas/Error" }, "A query parameter or the id has a value that cannot be used."),
        NotFound: json({ $ref: "#/components/schemas/Error" }, "Nothing published has that id."),
      },
      parameters: {
        search: { name: "search", in: "query", required: false, description: "Full text search: every word must appear in the name or description of the service or its organization (`text` is accepted too).", schema: { type: "string", maxLength: 200 } },
        page: { name: "page", in: "query", required: false, description: "Page number of paginated result, from 1.", schema: { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 1 } },
        per_page: { name: "per_page", in: "query", required: false, description: "Number of results requested in a single page.", schema: { type: "integer", minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE } },
        taxonomy_term_id: { name: "taxonomy_term_id", in: "query", required: false, description: "Only services with this taxonomy term (one of /taxonomy_terms).", schema: { type: "string", format: "uuid" } },
        taxonomy_id: { name: "taxonomy_id", in: "query", required: false, description: "Only services which have any term of this taxonomy (one of /taxonomies); with /taxonomy_terms, only that taxonomy's terms.", schema: { type: "string", format: "uuid" } },
        organization_id: { name: "organization_id", in: "query", required: false, description: "Only services that this organization provides.", schema: { type: "string", format: "uuid" } },
        postcode: { name: "postcode", in: "query", required: false, description: "A postcode or postcode district in Yorkshire and the Humber. Without `proximity`, only services whose service area covers the postcode; with it, services based within `proximity` metres of the postcode district's centre, nearest first.", schema: { type: "string" } },
        proximity: { name: "proximity", in: "query", required: false, description: "Return services that exist within this many metres of the centroid of the given postcode.", schema: { type: "number", minimum: 1, maximum: MAX_PROXIMITY_METRES } },
        modified_after: { name: "modified_after", in: "query", required: false, description: "Return all results modified on or after this date or date-time (ISO 8601).", schema: { type: "string", format: "date-time" } },
      },
    },
  };
}
