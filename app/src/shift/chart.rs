//! Two small charts drawn as SVG by the view itself, so they render on the server, follow live changes in the
//! browser, scale to any width and use the page's own font. A plotting crate was weighed: `plotters` lays out
//! its labels through a font backend (`ttf` pulls font-kit and fontconfig, `ab_glyph` a bundled font file) and
//! `charming` draws through the `ECharts` JavaScript library; bars and columns with labels need neither.

use leptos::prelude::*;

/// The drawing's coordinate width; the SVG scales to its box.
const WIDTH: f64 = 640.0;
/// Room for the labels left of the bars and under the columns.
const GUTTER: f64 = 110.0;

/// One bar or column: its label, its value (for scale), what it says, and whether it is an estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Under the column or left of the bar.
    pub label: String,
    /// What is drawn to scale.
    pub value: f64,
    /// What the bar says (the formatted value).
    pub text: String,
    /// Drawn lighter: a figure not final yet.
    pub provisional: bool,
}

/// Horizontal bars around a zero line: positive to the right (green), negative to the left (red); `empty` says
/// why there are none.
#[component]
pub fn BarChart(title: &'static str, bars: Vec<Bar>, empty: &'static str, testid: &'static str) -> impl IntoView {
    if bars.is_empty() {
        return view! { <Figure title testid><p class="text-slate-500 py-6">{empty}</p></Figure> }.into_any();
    }
    let row = 28.0;
    let height = row * bars.len().max(1) as f64 + 8.0;
    let reach = bars.iter().map(|b| b.value.abs()).fold(0.0_f64, f64::max).max(1.0);
    let has_negative = bars.iter().any(|b| b.value < 0.0);
    let plot = WIDTH - GUTTER - 90.0;
    let zero = GUTTER + if has_negative { plot / 2.0 } else { 0.0 };
    let scale = if has_negative { plot / 2.0 } else { plot } / reach;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 4.0 + row * i as f64;
            let length = bar.value.abs() * scale;
            let x = if bar.value < 0.0 { zero - length } else { zero };
            let fill = match (bar.value < 0.0, bar.provisional) {
                (false, false) => "fill-emerald-600",
                (false, true) => "fill-emerald-300",
                (true, false) => "fill-red-600",
                (true, true) => "fill-red-300",
            };
            let text_x = if bar.value < 0.0 { zero + 4.0 } else { x + length + 4.0 };
            let name = bar.label.clone();
            view! {
                <g data-testid="chart-bar" data-label=name>
                    <text x=GUTTER - 6.0 y=y + 17.0 text-anchor="end" class="fill-slate-700 text-[13px]">{bar.label}</text>
                    <rect x=x y=y + 3.0 width=length.max(1.0) height=row - 8.0 rx="3" class=fill/>
                    <text x=text_x y=y + 17.0 class="fill-slate-900 text-[13px] font-semibold">{bar.text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <Figure title testid>
            <svg viewBox=format!("0 0 {WIDTH} {height}") class="w-full h-auto" role="img" aria-label=title>
                <line x1=zero y1="0" x2=zero y2=height class="stroke-slate-300"/>
                {rows}
            </svg>
        </Figure>
    }
    .into_any()
}

/// Columns over the hours of the day: the hour under every few columns (about eight labels), the value above
/// a column when there is room for it (always above the tallest).
#[component]
pub fn HourChart(title: &'static str, columns: Vec<Bar>, testid: &'static str) -> impl IntoView {
    let (top, plot, bottom) = (22.0, 140.0, 24.0);
    let height = top + plot + bottom;
    let slot = (WIDTH - 8.0) / columns.len().max(1) as f64;
    let reach = columns.iter().map(|c| c.value).fold(0.0_f64, f64::max).max(1.0);
    let stride = columns.len().div_ceil(8).max(1);
    let roomy = slot >= 40.0;
    let bars = columns
        .into_iter()
        .enumerate()
        .map(|(i, column)| {
            let tall = column.value.max(0.0) / reach * plot;
            let x = 4.0 + slot * i as f64;
            let fill = if column.provisional { "fill-sky-300" } else { "fill-sky-600" };
            let name = column.label.clone();
            let value = (column.value > 0.0 && (roomy || column.value >= reach)).then(|| view! {
                <text x=x + slot / 2.0 y=top + plot - tall - 4.0 text-anchor="middle" class="fill-slate-900 text-[11px]">{column.text}</text>
            });
            let hour = (i % stride == 0).then(|| view! {
                <text x=x + slot / 2.0 y=height - 6.0 text-anchor="middle" class="fill-slate-600 text-[11px]">{column.label}</text>
            });
            view! {
                <g data-testid="chart-column" data-label=name>
                    <rect x=x + 2.0 y=top + plot - tall width=(slot - 4.0).max(1.0) height=tall.max(0.5) rx="2" class=fill/>
                    {value}
                    {hour}
                </g>
            }
        })
        .collect_view();
    view! {
        <Figure title testid>
            <svg viewBox=format!("0 0 {WIDTH} {height}") class="w-full h-auto" role="img" aria-label=title>
                <line x1="0" y1=top + plot x2=WIDTH y2=top + plot class="stroke-slate-300"/>
                {bars}
            </svg>
        </Figure>
    }
}

/// A chart's card and caption around its drawing.
#[component]
fn Figure(title: &'static str, testid: &'static str, children: Children) -> impl IntoView {
    view! {
        <figure class="bg-white rounded-xl shadow-sm p-4" data-testid=testid>
            <figcaption class="font-semibold text-slate-900">{title}</figcaption>
            {children()}
        </figure>
    }
}
