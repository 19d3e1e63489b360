// One racer (see race.ts): load the module, wait for the shared start time, call, print the result.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { module, fn, args, startAt } = JSON.parse(process.argv[2]!) as { module: string; fn: string; args: unknown[]; startAt: number };
const loaded = (await import(pathToFileURL(join(process.cwd(), module)).href)) as Record<string, (...a: unknown[]) => unknown>;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const result = await loaded[fn]!(...args);
console.log(JSON.stringify(result ?? null));
