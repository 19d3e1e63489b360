// The little of autocannon's API the benchmark uses (the package ships no types).
declare module "autocannon" {
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    requests?: { method: string; path: string }[];
  };
  type Result = {
    requests: { average: number; total: number };
    latency: Record<string, number>;
    non2xx: number;
    errors: number;
  };
  type Instance = Promise<Result> & {
    on(event: "response", listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  };
  export default function autocannon(options: Options): Instance;
}
