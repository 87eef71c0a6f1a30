//! A small bar chart of money figures by country, drawn as inline SVG with CSS classes (no inline
//! styles), labelled for screen readers.

use crate::chart::MoneyChart;
use crate::display::figure_value;
use entente_core::gazetteer::country_label;
use entente_core::model::{Figure, FigureKind};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`MoneyChartView`].
#[derive(Properties, PartialEq)]
pub struct MoneyChartProps {
    /// The chart data.
    pub chart: Rc<MoneyChart>,
}

fn money(value: f64, currency: &str) -> String {
    figure_value(&Figure {
        start: 0,
        end: 0,
        sentence: 0,
        kind: FigureKind::Money,
        value: Some(value),
        min: None,
        max: None,
        unit: currency.to_string(),
        qualifier: None,
        year: None,
    })
}

/// The chart, or nothing when there are no money figures.
#[function_component]
pub fn MoneyChartView(props: &MoneyChartProps) -> Html {
    let chart = &props.chart;
    if chart.bars.is_empty() {
        return Html::default();
    }
    const ROW: usize = 22;
    const LABEL: usize = 130;
    const WIDTH: usize = 520;
    const VALUE: usize = 90;
    let max = chart.bars.iter().map(|b| b.total).fold(0.0f64, f64::max);
    let height = chart.bars.len() * ROW + 8;
    let scale = (WIDTH - LABEL - VALUE) as f64;
    let summary = chart
        .bars
        .iter()
        .map(|b| {
            format!(
                "{} {}",
                country_label(b.code),
                money(b.total, &chart.currency)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let title = format!(
        "Money figures in {} by country named in the same sentence",
        chart.currency
    );
    html! {
        <figure class="chart" data-testid="money-chart">
            <figcaption>{ title.clone() }</figcaption>
            <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={format!("{title}: {summary}")} preserveAspectRatio="xMinYMin meet">
                { for chart.bars.iter().enumerate().map(|(k, b)| {
                    let y = k * ROW + 4;
                    let w = if max > 0.0 { (b.total / max * scale).max(1.0) } else { 1.0 };
                    html! {
                        <g>
                            <title>{ format!("{}: {} in {} figure{}", country_label(b.code), money(b.total, &chart.currency), b.figures, if b.figures == 1 { "" } else { "s" }) }</title>
                            <text class="chart-label" x={(LABEL - 6).to_string()} y={(y + 14).to_string()} text-anchor="end">{ country_label(b.code) }</text>
                            <rect class="chart-bar" x={LABEL.to_string()} y={y.to_string()} width={(w.round() as i64).to_string()} height={(ROW - 6).to_string()} />
                            <text class="chart-value" x={((LABEL as f64 + w + 6.0).round() as i64).to_string()} y={(y + 14).to_string()}>{ money(b.total, &chart.currency) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
