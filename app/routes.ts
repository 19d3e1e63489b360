import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("search", "routes/search.tsx"),
  route("services/:id", "routes/service.tsx"),
  route("organisations/:id", "routes/organisation.tsx"),
  route("suggest", "routes/suggest.tsx"),
  route("suggest/thanks", "routes/suggest-thanks.tsx"),
  route("healthz", "routes/healthz.ts"),

  // accounts
  route("signup", "routes/signup.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("reset-password", "routes/reset-password.tsx"),
  route("reset-password/:token", "routes/reset-password.$token.tsx"),
  route("account", "routes/account.tsx"),
  route("account/password", "routes/account.password.tsx"),
  route("account/representatives", "routes/account.representatives.tsx"),
  route("account/representing", "routes/account.representing.tsx"),
  route("account/access-log", "routes/account.access-log.tsx"),
  route("people/:personId", "routes/people.$personId.tsx"),

  // budgets
  route("budgets", "routes/budgets.tsx"),
  route("budgets/:budgetId", "routes/budgets.$budgetId.tsx"),
  route("budgets/:budgetId/statement", "routes/budgets.$budgetId.statement.tsx"),
  route("budgets/:budgetId/statement.csv", "routes/budgets.$budgetId.statement[.]csv.ts"),
  route("budgets/:budgetId/plan", "routes/budgets.$budgetId.plan.tsx"),
  route("provider/isf", "routes/provider.isf.tsx"),
  route("provider/isf/:budgetId", "routes/provider.isf.$budgetId.tsx"),
  route("council/returns", "routes/council.returns.tsx"),
  route("council/returns.csv", "routes/council.returns[.]csv.ts"),

  // providers managing their listings, and moderation
  route("provider", "routes/provider.tsx"),
  route("provider/organisations/new", "routes/provider.organisations.new.tsx"),
  route("provider/organisations/:organisationId", "routes/provider.organisations.$organisationId.tsx"),
  route("provider/organisations/:organisationId/edit", "routes/provider.organisations.$organisationId.edit.tsx"),
  route("provider/organisations/:organisationId/services/new", "routes/provider.organisations.$organisationId.services.new.tsx"),
  route("provider/services/:serviceId", "routes/provider.services.$serviceId.tsx"),
  route("moderation", "routes/moderation.tsx"),
  route("moderation/suggestions/:suggestionId", "routes/moderation.suggestions.$suggestionId.tsx"),
  route("moderation/claims/:claimId", "routes/moderation.claims.$claimId.tsx"),
  route("moderation/appointees", "routes/moderation.appointees.tsx"),

  // Open Referral UK API (read-only), the printable area booklet and its short codes
  route("openreferral", "routes/openreferral.ts"),
  route("openreferral/openapi.json", "routes/openreferral.openapi.ts"),
  route("openreferral/services/:id?", "routes/openreferral.services.ts"),
  route("openreferral/service_at_locations/:id?", "routes/openreferral.service-at-locations.ts"),
  route("openreferral/organizations/:id?", "routes/openreferral.organizations.ts"),
  route("openreferral/taxonomies/:id?", "routes/openreferral.taxonomies.ts"),
  route("openreferral/taxonomy_terms/:id?", "routes/openreferral.taxonomy-terms.ts"),
  route("booklet", "routes/booklet.tsx"),
  route("s/:code?", "routes/short-code.tsx"),

  // ordering and paying
  route("services/:id/order", "routes/services.$id.order.tsx"),
  route("services/:id/enquire", "routes/services.$id.enquire.tsx"),
  route("orders", "routes/orders.tsx"),
  route("orders/:orderId", "routes/orders.$orderId.tsx"),
  route("orders/:orderId/invoice", "routes/orders.$orderId.invoice.tsx"),
  route("orders/:orderId/pay", "routes/orders.$orderId.pay.tsx"),
  route("enquiries/:enquiryId", "routes/enquiries.$enquiryId.tsx"),
  route("provider/inbox", "routes/provider.inbox.tsx"),
  route("provider/orders/:orderId", "routes/provider.orders.$orderId.tsx"),
  route("moderation/disputes", "routes/moderation.disputes.tsx"),
  route("webhooks/stripe", "routes/webhooks.stripe.ts"),

  // commissioners' insights (aggregates only)
  route("insights", "routes/insights.tsx"),
  route("insights/:area", "routes/insights.$area.tsx"),
  route("insights/:area/export.csv", "routes/insights.$area.export[.]csv.ts"),
  route("insights/:area/market-position", "routes/insights.$area.market-position.tsx"),
] satisfies RouteConfig;
