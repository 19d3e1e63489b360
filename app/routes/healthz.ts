// For load balancers and the test runner: answers once the server is up and the database opens.
import { ping } from "../../db/client";

export function loader() {
  ping();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
