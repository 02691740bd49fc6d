/** Markdown rendering for benchmark results: every section prints one or more of these tables. */

export type Cell = string | number;

/** A GitHub-flavoured markdown table; numeric columns (numbers, or "-" for not applicable) are right-aligned. */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  const numeric = headers.map((_, col) => rows.length > 0 && rows.every((row) => typeof row[col] === "number" || row[col] === "-"));
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((h, col) => Math.max(h.length, 3, ...text.map((row) => (row[col] ?? "").length)));
  const pad = (cell: string, col: number) => (numeric[col] ? cell.padStart(widths[col]) : cell.padEnd(widths[col]));
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, col) => (numeric[col] ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|")}|`;
  return [line(headers), rule, ...text.map(line)].join("\n");
}

/** A section as printed: a level-3 heading, one line of context, then its tables. */
export function section(title: string, context: string, ...tables: string[]): string {
  return [`### ${title}`, "", context, "", ...tables.flatMap((t) => [t, ""])].join("\n");
}

/** Rounds for display: `digits` decimals, as a number so the column stays right-aligned. */
export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
