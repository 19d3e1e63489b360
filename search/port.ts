// The one interface every search engine implements (embedded FTS5, Meilisearch), and the shapes
// that cross it. Engines must pass the shared contract suite in search/contract.ts.
import type {
  AccessibilityFeature, CategorySlug, CqcRating, Day, DeliveryMode, OrganisationKind, PaymentRoute, PriceBand, PriceUnit,
} from "../app/directory/vocabulary";

/** What the index holds for one published service: enough to filter, rank and draw a result card. */
export type ServiceDocument = {
  id: number;
  title: string;
  description: string;
  category: CategorySlug;
  organisationId: number;
  organisationName: string;
  organisationKind: OrganisationKind;
  town: string;
  townName: string;
  area: string;
  areaName: string;
  postcode: string | null;
  lat: number;
  lng: number;
  pricePence: number;
  priceUnit: PriceUnit;
  delivery: DeliveryMode[];
  days: Day[];
  accessibility: AccessibilityFeature[];
  payment: PaymentRoute[];
  vetting: { cqcRating: CqcRating | null; dbsChecked: boolean; insured: boolean; safeguardingTrained: boolean };
  /** Review score (Bayesian average, 1-5) once reviews exist; null until then. */
  rating: number | null;
  ratingCount: number;
  updatedAt: string;
  /** A group offer (consortium) on this service is taking members now. */
  groupOffer?: boolean;
};

export type SearchFilters = {
  category?: CategorySlug;
  area?: string;
  priceBand?: PriceBand;
  free?: boolean;
  kind?: OrganisationKind;
  /** Multi-valued filters match services that have every value asked for. */
  delivery?: DeliveryMode[];
  days?: Day[];
  accessibility?: AccessibilityFeature[];
  payment?: PaymentRoute[];
  minRating?: number;
  /** Only services with an open group offer. */
  groupOffer?: boolean;
};

export type SortOrder = "relevance" | "distance" | "price" | "rating";

export type SearchRequest = {
  /** Words as the person typed them; engines escape any query syntax. */
  text: string;
  filters: SearchFilters;
  near?: { lat: number; lng: number; radiusMiles: number };
  sort: SortOrder;
  page: number; // 1-based
  pageSize: number;
};

export const facetNames = ["category", "area", "priceBand", "kind", "delivery", "days", "accessibility", "payment", "groupOffer"] as const;
export type FacetName = (typeof facetNames)[number];
/** Counts over the whole result set (all pages) for each value present in it. */
export type FacetCounts = Record<FacetName, Record<string, number>>;

export type SearchHit = ServiceDocument & { distanceMiles: number | null };

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  facets: FacetCounts;
};

/** A document the engine refused for something in the document itself, so sending it again cannot help. */
export type RejectedDocument = { id: number; reason: string };

export interface SearchEngine {
  readonly name: string;
  search(request: SearchRequest): Promise<SearchResult>;
  /**
   * Resolves once the engine has applied the documents (throws if it could not, so the caller
   * retries). Documents it refused are listed in `rejected`; the rest were applied.
   */
  upsert(docs: ServiceDocument[]): Promise<{ taskId?: string; rejected?: RejectedDocument[] }>;
  remove(ids: number[]): Promise<{ taskId?: string }>;
  /** Rebuilds from scratch; searches keep answering from the old index until the new one is swapped in. */
  reindex(batches: AsyncIterable<ServiceDocument[]> | Iterable<ServiceDocument[]>): Promise<void>;
  /**
   * Changes whenever what the index holds changes, so answers can be cached until then.
   * An engine that cannot tell cheaply leaves it out, and caches keep answers only briefly.
   */
  version?(): string;
}

export const MILES_TO_METRES = 1609.344;
