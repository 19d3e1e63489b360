// What listings say about who wrote them and what has been checked (provider-written text,
// stated facts), and the status tags of the provider's and moderator's pages.
import type { Claim } from "../directory/vetting";
import { describeClaim } from "../directory/vetting";
import { Tag } from "./listing";

/** Says whose words a description is, above the description. */
export function WrittenBy({ fromSuggestion = false }: { fromSuggestion?: boolean }) {
  return (
    <p className="text-sm text-muted mb-1">
      {fromSuggestion ? "Written by the person who suggested it, and checked by a moderator" : "Written by the provider"}
    </p>
  );
}

/** Facts a provider has told us that nobody has checked yet. */
export function StatedFacts({ claims }: { claims: Claim[] }) {
  if (claims.length === 0) return null;
  return (
    <div className="mt-3">
      <p className="font-bold">Stated by the provider, not yet checked by Weave:</p>
      <ul className="list-disc pl-6">
        {claims.map((c) => <li key={c.fact}>{describeClaim(c)}</li>)}
      </ul>
    </div>
  );
}

const serviceStatuses = { draft: "Draft", published: "Published", withdrawn: "Unpublished" } as const;

export function ServiceStatus({ status }: { status: keyof typeof serviceStatuses }) {
  return <Tag tone={status === "published" ? "good" : "plain"}>{serviceStatuses[status]}</Tag>;
}

const claimStatuses = { claimed: "Stated by you, waiting for a moderator", verified: "Checked by a moderator", rejected: "Not accepted" } as const;

export function ClaimStatus({ status }: { status: keyof typeof claimStatuses }) {
  return <Tag tone={status === "verified" ? "good" : status === "rejected" ? "warn" : "plain"}>{claimStatuses[status]}</Tag>;
}
