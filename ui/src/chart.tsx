import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Colour-blind-safe palette (Okabe–Ito, then Tol's muted), one colour per series in order. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#332288', '#999933', '#882255', '#44AA99', '#AA4499', '#777777'];

export interface Series {
  label: string;
  data: number[];
}

export interface BarChartProps {
  /** Names the chart for screen readers and the data table's caption. */
  title: string;
  labels: string[];
  series: Series[];
  /** Bars along y (one row per label): names read better than under a slanted x axis. */
  horizontal?: boolean;
  format: (n: number) => string;
  /** Pixel height of the drawing (horizontal charts grow with their rows). */
  height?: number;
}

/**
 * A stacked bar chart (Chart.js on a canvas) with the same numbers as a table beneath it: the
 * table is what screen readers and keyboards use, and what the end-to-end test compares with the
 * ledger (`data-chart` carries exactly what was drawn).
 */
export function BarChart({ title, labels, series, horizontal, format, height }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [showTable, setShowTable] = useState(false);
  const drawn = { labels, series };
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: PALETTE[i % PALETTE.length], borderWidth: 0, maxBarThickness: 48 })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'nearest', intersect: true },
        scales: {
          x: { stacked: true, ticks: horizontal ? { callback: (v) => format(Number(v)) } : { autoSkip: true, maxRotation: 0 } },
          y: { stacked: true, ticks: horizontal ? { autoSkip: false } : { callback: (v) => format(Number(v)) } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${format(Number(ctx.raw))}` } },
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [JSON.stringify(drawn), horizontal]);
  const empty = series.length === 0 || labels.length === 0;
  const h = height ?? (horizontal ? Math.max(160, labels.length * 36 + 80) : 300);
  const totals = labels.map((_, i) => series.reduce((n, s) => n + (s.data[i] ?? 0), 0));
  return (
    <figure class="chart">
      {empty ? (
        <p class="empty">No calls in this period.</p>
      ) : (
        <div class="chart-box" style={{ height: `${h}px` }}>
          <canvas ref={canvas} role="img" aria-label={`${title}: chart; the numbers are in the table below`} data-chart={JSON.stringify(drawn)} />
        </div>
      )}
      {!empty && (
        <figcaption>
          <button type="button" class="link" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
            {showTable ? 'Hide the numbers' : 'Show the numbers'}
          </button>
        </figcaption>
      )}
      {!empty && (
        <div class={showTable ? 'table-wrap' : 'visually-hidden'}>
          <table class="data chart-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col" />
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td class="num" key={s.label}>
                      {format(s.data[i] ?? 0)}
                    </td>
                  ))}
                  <td class="num">{format(totals[i] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
