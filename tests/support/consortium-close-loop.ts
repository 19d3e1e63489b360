// A process that forms one group after another until it is killed (the crash test).
import { closeAll } from "./consortium-moves";

const [nowIso, ...ids] = process.argv.slice(2);
closeAll(ids.map(Number), nowIso!);
