// The server's background jobs (search sync, mail, orders, the budget schedule, hourly upkeep):
// each repeats on its own timer in this process, one run at a time. A run that fails is logged and
// the next one tries again, so every job must be safe to run twice (each is: see its module).
const started = new Set<string>();

type Options = {
  /** Only in the first server process (server.js numbers them) and never under tests: upkeep one process is enough for. */
  firstProcessOnly?: boolean;
  /** Run once at start-up too, not only after the first interval. */
  atStart?: boolean;
};

/** Repeats `run` every `everyMs` milliseconds (0 turns it off); `name` is what the log calls it. */
export function repeat(name: string, everyMs: number, run: () => unknown, { firstProcessOnly = false, atStart = false }: Options = {}) {
  if (everyMs === 0 || started.has(name)) return;
  if (firstProcessOnly && ((process.env.WEAVE_WORKER ?? "0") !== "0" || process.env.NODE_ENV === "test")) return;
  started.add(name);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (error) {
      // A failed run has rolled back its transaction (or sent nothing); the next run tries again.
      console.error(`${name} failed; it will run again`, error);
    } finally {
      running = false;
    }
  };
  if (atStart) void tick();
  setInterval(tick, everyMs).unref();
}
