import type { LatencyPoint } from "./scenarios/fanout.js";

const COLORS: Record<string, string> = { Confab: "#d9480f", "bare ws broadcast": "#2b8a3e", "Socket.IO rooms": "#1c7ed6" };
const PANEL = { width: 300, height: 260, left: 72, top: 40, gap: 50 };

/**
 * An SVG chart of send → receive latency against the number of connected clients: one panel per
 * conversation size, p50 as solid and p99 as dashed lines, one colour per system, log latency
 * axis. Written by hand so the bench needs no charting dependency.
 */
export function latencyChart(points: LatencyPoint[], subtitle: string): string {
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  const clients = [...new Set(points.map((p) => p.clients))].sort((a, b) => a - b);
  const systems = [...new Set(points.map((p) => p.system))];
  const values = points.flatMap((p) => [p.p50, p.p99]).filter((v) => v > 0 && Number.isFinite(v));
  const low = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const width = PANEL.left + sizes.length * (PANEL.width + PANEL.gap) + 150;
  const height = PANEL.top + PANEL.height + 80;
  const y = (ms: number) => PANEL.top + PANEL.height * (1 - Math.log10(ms / low) / Math.log10(high / low));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${PANEL.left}" y="16" font-size="14" font-weight="bold">Send → receive latency against connected clients (p50 solid, p99 dashed)</text>`,
    `<text x="${PANEL.left}" y="31" fill="#555">${xmlText(subtitle)}</text>`,
  ];
  sizes.forEach((size, i) => {
    const x0 = PANEL.left + i * (PANEL.width + PANEL.gap);
    const x = (n: number) => x0 + (clients.length === 1 ? PANEL.width / 2 : (PANEL.width * clients.indexOf(n)) / (clients.length - 1));
    out.push(`<rect x="${x0}" y="${PANEL.top}" width="${PANEL.width}" height="${PANEL.height}" fill="none" stroke="#ccc"/>`);
    out.push(
      `<text x="${x0 + PANEL.width / 2}" y="${PANEL.top + PANEL.height + 36}" text-anchor="middle">clients, conversations of ${size}</text>`,
    );
    for (let decade = low; decade <= high; decade *= 10) {
      out.push(`<line x1="${x0}" x2="${x0 + PANEL.width}" y1="${y(decade)}" y2="${y(decade)}" stroke="#eee"/>`);
      if (i === 0)
        out.push(`<text x="${x0 - 6}" y="${y(decade) + 4}" text-anchor="end">${decade >= 1 ? decade : decade.toPrecision(1)} ms</text>`);
    }
    for (const n of clients)
      out.push(`<text x="${x(n)}" y="${PANEL.top + PANEL.height + 16}" text-anchor="middle">${n.toLocaleString("en-US")}</text>`);
    for (const system of systems) {
      for (const [field, dash] of [
        ["p50", ""],
        ["p99", ` stroke-dasharray="5,4"`],
      ] as const) {
        const series = points
          .filter((p) => p.system === system && p.size === size && p[field] > 0)
          .sort((a, b) => a.clients - b.clients)
          .map((p) => [x(p.clients), y(p[field])] as const);
        const color = COLORS[system] ?? "#000";
        if (series.length > 1)
          out.push(
            `<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${series.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" ")}"/>`,
          );
        for (const [a, b] of series)
          out.push(
            `<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${field === "p50" ? color : "white"}" stroke="${color}"/>`,
          );
      }
    }
  });
  const legendX = PANEL.left + sizes.length * (PANEL.width + PANEL.gap);
  systems.forEach((system, i) => {
    const color = COLORS[system] ?? "#000";
    out.push(
      `<line x1="${legendX}" x2="${legendX + 20}" y1="${PANEL.top + 10 + i * 18}" y2="${PANEL.top + 10 + i * 18}" stroke="${color}" stroke-width="2"/>`,
    );
    out.push(`<text x="${legendX + 26}" y="${PANEL.top + 14 + i * 18}">${xmlText(system)}</text>`);
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
