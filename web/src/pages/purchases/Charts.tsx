import { type Bar } from "../../lib/purchases";

const HEIGHT = 100;

/**
 * Spend by month as an SVG bar chart stretched to its box, so twelve bars fit a 360 px screen;
 * the month labels are HTML under it (text in a stretched SVG would be distorted). Each bar's
 * title shows the amount on hover or long press.
 */
export function MonthChart({ bars, money }: { bars: Bar[]; money: (fen: number) => string }) {
  const width = Math.max(1, bars.length) * 20;
  // Every other month's label (counting back from the last) when there are many, so they fit.
  const labelled = (i: number) => bars.length <= 6 || (bars.length - 1 - i) % 2 === 0;
  return (
    <div>
      <svg data-testid="month-chart" role="img" viewBox={`0 0 ${width} ${HEIGHT}`} width="100%" height={140} preserveAspectRatio="none" style={{ display: "block" }}>
        <line x1={0} y1={HEIGHT - 0.5} x2={width} y2={HEIGHT - 0.5} stroke="#e5e7eb" />
        {bars.map((bar, i) => {
          const height = Math.round(bar.share * HEIGHT);
          return (
            <g key={bar.key} data-testid="month-bar">
              <title>{`${bar.label}: ${money(bar.fen)}`}</title>
              <rect x={i * 20 + 3} y={HEIGHT - height} width={14} height={height} fill="#c2410c" />
            </g>
          );
        })}
      </svg>
      <div style={{ display: "flex", fontSize: 11, color: "#666" }}>
        {bars.map((bar, i) => (
          <span key={bar.key} style={{ flex: 1, textAlign: "center", overflow: "hidden", whiteSpace: "nowrap" }}>
            {labelled(i) ? bar.label.slice(5) : ""}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Spend by category as horizontal bars with the share of the total; a list, so it wraps on phones. */
export function CategoryChart({ bars, money, label }: { bars: Bar[]; money: (fen: number) => string; label: (bar: Bar) => string }) {
  return (
    <div data-testid="category-chart">
      {bars.map((bar) => (
        <div key={bar.key} data-testid="category-row" style={{ marginBottom: 8 }}>
          <div style={{ display: "flex", justifyContent: "space-between", gap: 8, fontSize: 13 }}>
            <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{label(bar)}</span>
            <span style={{ whiteSpace: "nowrap" }}>
              {money(bar.fen)} · {Math.round(bar.share * 100)}%
            </span>
          </div>
          <div style={{ background: "#f3f4f6", borderRadius: 3, height: 8 }}>
            <div style={{ width: `${(bar.share * 100).toFixed(1)}%`, background: "#ea580c", height: 8, borderRadius: 3 }} />
          </div>
        </div>
      ))}
    </div>
  );
}
