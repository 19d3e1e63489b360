// A published insights table: a chart drawn on the server as SVG (no JavaScript), with the
// same figures as a table beside it. Both read the published table, so a withheld figure is
// withheld in both; the chart marks a withheld bar or point with the same words.
import { Link } from "react-router";
import { formatCell, withheldText, type FigureTable, type Row } from "../insights/figures";

const W = 560;
const ROW_H = 26;
const LABEL_W = 190;

function BarChart({ table, column }: { table: FigureTable; column: string }) {
  const rows = table.rows;
  const max = Math.max(1, ...rows.map((r) => r.values[column] ?? 0));
  const h = rows.length * ROW_H + 8;
  const col = table.columns.find((c) => c.key === column)!;
  return (
    <svg role="img" aria-labelledby={`${table.id}-chart-title`} viewBox={`0 0 ${W} ${h}`} width="100%" className="max-w-xl" style={{ height: "auto" }}>
      <title id={`${table.id}-chart-title`}>{`Bar chart: ${table.title}, ${col.label}. The same figures are in the table.`}</title>
      {rows.map((r, i) => {
        const v = r.values[column];
        const y = i * ROW_H + 4;
        const width = v === null || v === undefined ? 0 : Math.max(1, ((W - LABEL_W - 110) * v) / max);
        return (
          <g key={r.key}>
            <text x={LABEL_W - 6} y={y + 16} textAnchor="end" fontSize="12" fill="currentColor">{short(r.label)}</text>
            {r.withheld
              ? <text x={LABEL_W} y={y + 16} fontSize="12" fontStyle="italic" fill="currentColor">{withheldText(table.threshold)}</text>
              : <>
                  <rect x={LABEL_W} y={y + 3} width={width} height={ROW_H - 8} fill="#1d70b8" />
                  <text x={LABEL_W + width + 4} y={y + 16} fontSize="12" fill="currentColor">{formatCell(table, r, col)}</text>
                </>}
          </g>
        );
      })}
    </svg>
  );
}

function LineChart({ table, column }: { table: FigureTable; column: string }) {
  const rows = table.rows;
  const h = 200;
  const pad = { l: 60, r: 10, t: 10, b: 40 };
  const values = rows.map((r) => r.values[column]);
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const x = (i: number) => pad.l + (rows.length <= 1 ? 0 : ((W - pad.l - pad.r) * i) / (rows.length - 1));
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  const col = table.columns.find((c) => c.key === column)!;
  // A withheld month breaks the line: joining across it would draw a figure we do not show.
  const segments: string[] = [];
  let current = "";
  rows.forEach((r, i) => {
    const v = values[i];
    if (r.withheld || v === null || v === undefined) {
      if (current) segments.push(current);
      current = "";
    } else current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const every = Math.max(1, Math.ceil(rows.length / 8));
  return (
    <svg role="img" aria-labelledby={`${table.id}-chart-title`} viewBox={`0 0 ${W} ${h}`} width="100%" className="max-w-xl" style={{ height: "auto" }}>
      <title id={`${table.id}-chart-title`}>{`Line chart: ${table.title}, ${col.label} by month. Gaps are months withheld (${withheldText(table.threshold)}). The same figures are in the table.`}</title>
      <line x1={pad.l} x2={W - pad.r} y1={h - pad.b} y2={h - pad.b} stroke="currentColor" />
      <text x={pad.l - 4} y={pad.t + 10} textAnchor="end" fontSize="11" fill="currentColor">{formatCell(table, { key: "max", label: "", values: { [column]: max }, withheld: null }, col)}</text>
      {segments.map((d, i) => <path key={i} d={d} fill="none" stroke="#1d70b8" strokeWidth="2" />)}
      {rows.map((r, i) => (
        <g key={r.key}>
          {r.withheld ? <circle cx={x(i)} cy={h - pad.b} r="3" fill="none" stroke="currentColor"><title>{`${r.label}: ${withheldText(table.threshold)}`}</title></circle>
            : values[i] != null && <circle cx={x(i)} cy={y(values[i]!)} r="3" fill="#1d70b8" />}
          {i % every === 0 && <text x={x(i)} y={h - pad.b + 16} textAnchor="middle" fontSize="11" fill="currentColor">{r.label}</text>}
        </g>
      ))}
    </svg>
  );
}

const short = (s: string) => (s.length > 30 ? `${s.slice(0, 29)}…` : s);

function FiguresTable({ table }: { table: FigureTable }) {
  const rows: Row[] = table.total ? [...table.rows, table.total] : table.rows;
  return (
    <table className="w-full text-sm border-collapse">
      <caption className="text-left text-muted mb-1">{table.caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="text-left border-b border-line p-1"><span className="sr-only">Row</span></th>
          {table.columns.map((c) => <th key={c.key} scope="col" className="text-right border-b border-line p-1">{c.label}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.key === "total" ? "font-bold" : ""}>
            <th scope="row" className="text-left font-normal border-b border-line p-1">{r.label}</th>
            {table.columns.map((c) => <td key={c.key} className={`text-right border-b border-line p-1 ${r.withheld ? "italic" : ""}`}>{formatCell(table, r, c)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A table with its chart beside it and a CSV link (the CSV is published the same way). */
export function InsightsFigure({ table, csvHref }: { table: FigureTable; csvHref?: string }) {
  const empty = table.rows.length === 0;
  return (
    <section aria-labelledby={`${table.id}-heading`} className="mb-8 break-inside-avoid" data-table={table.id}>
      <h3 id={`${table.id}-heading`} className="text-xl font-bold mb-2">{table.title}</h3>
      {empty ? <p>Nothing to show for these months.</p> : (
        <div className="grid gap-4 lg:grid-cols-2 items-start">
          {table.chart && (table.chart.kind === "bar" ? <BarChart table={table} column={table.chart.column} /> : <LineChart table={table} column={table.chart.column} />)}
          <FiguresTable table={table} />
        </div>
      )}
      {csvHref && !empty && <p className="mt-1 no-print"><Link reloadDocument to={csvHref}>Download “{table.title}” (CSV)</Link></p>}
    </section>
  );
}
