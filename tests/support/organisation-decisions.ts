// For the race test in app/directory/organisation-checks.test.ts: a moderator decides in a process of their own.
import { approveNewOrganisation, declineNewOrganisation } from "../../app/moderation/moderation.server";
import { actorOf } from "./fixtures";

export function decide(moderatorId: number, organisationId: number, how: "approve" | "decline") {
  const actor = actorOf(moderatorId);
  return how === "approve" ? approveNewOrganisation(actor, organisationId) : declineNewOrganisation(actor, organisationId, "Could not find the business anywhere");
}
