// Quarters as councils count them for returns: calendar quarters, "2026-Q4".
export type Quarter = { label: string; from: string; to: string };

export function quarterOf(label: string): Quarter | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const from = new Date(Date.UTC(year, (q - 1) * 3, 1));
  const to = new Date(Date.UTC(year, q * 3, 0));
  return { label, from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export function recentQuarters(today: Date, count: number): Quarter[] {
  const out: Quarter[] = [];
  let year = today.getUTCFullYear();
  let q = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let i = 0; i < count; i++) {
    out.push(quarterOf(`${year}-Q${q}`)!);
    if (--q === 0) [q, year] = [4, year - 1];
  }
  return out;
}
