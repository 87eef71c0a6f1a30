//! Pure presentation of the relation matrix: which countries (and, when asked for,
//! organizations) are shown (top-N by co-mentions), in which order (frequency, name, or
//! clustered), the colour level of each count, and the SVG export (the CSV export is the core's
//! [`entente_core::export::matrix_csv`], as the command line writes it). Organizations are
//! labelled apart from countries everywhere: `◆` before the name or id, italic in the table and the
//! SVG, and a `kind` column in the CSV.
//!
//! The counts themselves come from the core's matrix engine; this module only needs the square
//! grid of counts. Colours are eight steps of viridis (perceptually uniform, readable with every
//! common colour-vision deficiency), named by level so the page uses CSS classes (`heat-1` …
//! `heat-8`) and never inline styles; the SVG export writes the same colours.

use entente_core::explore::state::{MatrixOrder, Window};
use entente_core::model::{Stance, Topic, TopicSet};
use entente_core::relations::matrix::{Cell, Entity, Evidence, Matrix, MatrixQuery, PairIndex};
use std::fmt::Write as _;

/// The stance balance of a cell of `a` and `b` ("3 cooperative, 1 neutral"), `None` when it
/// has none. Stance is scored between countries only, so a cell with an organization says so
/// rather than counting its co-mentions as neutral.
pub fn stance_balance(a: Entity, b: Entity, stances: [u32; 3]) -> Option<String> {
    if a.is_org() || b.is_org() {
        return Some("not scored for organizations".to_string());
    }
    let parts: Vec<String> = Stance::ALL
        .iter()
        .zip(stances)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.id()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The tooltip of a cell: count, topic breakdown and stance balance.
pub fn describe(cell: &Cell) -> String {
    let mut topics: Vec<(Topic, u32)> = Topic::ALL
        .iter()
        .zip(cell.topics)
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| (*t, n))
        .collect();
    entente_core::sort::sort_by_numeric_key(&mut topics, |t| {
        (entente_core::sort::desc(u64::from(t.1)), 0)
    });
    let topics: Vec<String> = topics
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label()))
        .collect();
    let mut out = format!(
        "{} – {}: {} co-mention{}",
        cell.a.label(),
        cell.b.label(),
        cell.count,
        if cell.count == 1 { "" } else { "s" }
    );
    if !topics.is_empty() {
        let _ = write!(out, "\nTopics: {}", topics.join(", "));
    }
    if let Some(stance) = stance_balance(cell.a, cell.b, cell.stances) {
        let _ = write!(out, "\nStance: {stance}");
    }
    out
}

/// The matrix over the result documents: the core's matrix, its square grid of counts, and the
/// query it answers, from which a cell's evidence is read when the cell is opened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MatrixData {
    /// The core's matrix (cells with counts, topics and stances).
    pub matrix: Matrix,
    /// The counts as a grid over `matrix.entities`.
    pub grid: Grid,
    /// The documents, in corpus order.
    docs: Vec<u32>,
    window: Window,
    topics: TopicSet,
    stance: Option<Stance>,
    organizations: bool,
}

impl MatrixData {
    /// The cell of two entities, in either order.
    pub fn cell(&self, a: Entity, b: Entity) -> Option<&Cell> {
        self.matrix.cell(a, b)
    }

    /// The evidence of the cell of two entities, in document then sentence order: `pairs` must
    /// be the index the matrix was computed from. The engine reads it only now, since a matrix is
    /// recomputed on every keystroke and only one cell is ever open.
    pub fn evidence(&self, pairs: &PairIndex, a: Entity, b: Entity) -> Vec<Evidence> {
        pairs.evidence(&self.query(), a, b)
    }

    /// Whether organizations are rows (and so which pair index the matrix comes from).
    pub fn organizations(&self) -> bool {
        self.organizations
    }

    fn query(&self) -> MatrixQuery<'_> {
        MatrixQuery {
            documents: Some(&self.docs),
            window: self.window,
            topics: self.topics,
            stance: self.stance,
            countries: None,
            organizations: self.organizations,
        }
    }
}

/// Computes the matrix over documents `docs` with the core's engine: the co-mention window,
/// optional topic and stance filters, and organizations as rows or not.
pub fn compute(
    pairs: &PairIndex,
    docs: &[u32],
    window: Window,
    topic: Option<Topic>,
    stance: Option<Stance>,
    organizations: bool,
) -> MatrixData {
    let docs = docs.to_vec();
    let mut topics = TopicSet::default();
    if let Some(t) = topic {
        topics.insert(t);
    }
    let mut data = MatrixData {
        docs,
        window,
        topics,
        stance,
        organizations,
        ..Default::default()
    };
    let matrix = pairs.matrix(&data.query());
    let n = matrix.entities.len();
    let counts = matrix.dense();
    let totals = (0..n)
        .map(|i| counts[i * n..(i + 1) * n].iter().sum())
        .collect();
    let grid = Grid {
        codes: matrix.entities.clone(),
        counts,
        totals,
    };
    data.matrix = matrix;
    data.grid = grid;
    data
}

/// The number of colour levels for non-zero counts.
pub const LEVELS: u8 = 8;

/// Viridis, light to dark: level 1 is the lightest (fewest co-mentions).
pub const PALETTE: [&str; LEVELS as usize] = [
    "#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e", "#440154",
];

/// Whether text on a level needs to be light for contrast: from level 5 on, white text has the
/// better contrast (at least 4.6:1, WCAG AA), below it dark text (at least 4.9:1).
pub fn light_text(level: u8) -> bool {
    level >= 5
}

/// A square grid of co-mention counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The rows: countries, then organizations, in the engine's order.
    pub codes: Vec<Entity>,
    /// `counts[i * n + j]`, symmetric, zero diagonal.
    pub counts: Vec<u32>,
    /// Row sums.
    pub totals: Vec<u32>,
}

impl Grid {
    /// Builds a grid from pair counts. Pairs naming an unknown entity or one entity twice are
    /// ignored.
    pub fn new(codes: Vec<Entity>, pairs: impl IntoIterator<Item = (Entity, Entity, u32)>) -> Grid {
        let n = codes.len();
        let mut counts = vec![0u32; n * n];
        let index = |c: Entity| codes.iter().position(|x| *x == c);
        for (a, b, k) in pairs {
            if let (Some(i), Some(j)) = (index(a), index(b)) {
                if i != j {
                    counts[i * n + j] += k;
                    counts[j * n + i] += k;
                }
            }
        }
        let totals = (0..n)
            .map(|i| counts[i * n..(i + 1) * n].iter().sum())
            .collect();
        Grid {
            codes,
            counts,
            totals,
        }
    }

    /// The number of countries.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the grid is empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The count between countries `i` and `j`.
    pub fn get(&self, i: usize, j: usize) -> u32 {
        self.counts[i * self.len() + j]
    }

    /// The largest count.
    pub fn max(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    /// The indices of the countries to show: countries with at least one co-mention, the `top_n`
    /// most co-mentioned (all when `None`), in the chosen order.
    pub fn select(&self, top_n: Option<u16>, order: MatrixOrder) -> Vec<usize> {
        let mut by_freq: Vec<usize> = (0..self.len()).filter(|&i| self.totals[i] > 0).collect();
        // Ties go to the engine's order: by code, countries before organizations.
        entente_core::sort::sort_by_numeric_key(&mut by_freq, |&i| {
            (
                entente_core::sort::desc(u64::from(self.totals[i])),
                i as u64,
            )
        });
        if let Some(n) = top_n {
            by_freq.truncate(usize::from(n));
        }
        match order {
            MatrixOrder::Frequency => by_freq,
            MatrixOrder::Name => {
                let mut v = by_freq;
                entente_core::sort::sort_by_text(&mut v, |&i| self.codes[i].label());
                v
            }
            MatrixOrder::Cluster => self.cluster(&by_freq),
        }
    }

    /// Greedy nearest-neighbour ordering: start with the most co-mentioned country and repeatedly
    /// append the remaining one whose row (over the shown countries) is most similar (cosine) to
    /// the last appended. Deterministic: ties go to the more frequent country.
    fn cluster(&self, by_freq: &[usize]) -> Vec<usize> {
        let rows: Vec<Vec<f64>> = by_freq
            .iter()
            .map(|&i| by_freq.iter().map(|&j| f64::from(self.get(i, j))).collect())
            .collect();
        let norms: Vec<f64> = rows
            .iter()
            .map(|r| r.iter().map(|x| x * x).sum::<f64>().sqrt())
            .collect();
        let similarity = |a: usize, b: usize| {
            let dot: f64 = rows[a].iter().zip(&rows[b]).map(|(x, y)| x * y).sum();
            // Direct co-mention counts as similarity too, so partners sit side by side.
            let direct = rows[a][b];
            let denom = norms[a] * norms[b];
            let cos = if denom > 0.0 { dot / denom } else { 0.0 };
            cos + direct / (1.0 + norms[a].max(norms[b]))
        };
        let n = by_freq.len();
        let mut used = vec![false; n];
        let mut out = Vec::with_capacity(n);
        if n == 0 {
            return out;
        }
        let mut last = 0;
        used[0] = true;
        out.push(by_freq[0]);
        for _ in 1..n {
            let mut best: Option<(usize, f64)> = None;
            for (k, u) in used.iter().enumerate() {
                if *u {
                    continue;
                }
                let s = similarity(last, k);
                if best.is_none_or(|(_, b)| s > b + 1e-12) {
                    best = Some((k, s));
                }
            }
            let (k, _) = best.expect("an unused country remains");
            used[k] = true;
            out.push(by_freq[k]);
            last = k;
        }
        out
    }
}

/// The colour level of a count: 0 for none, else 1..=8 on a logarithmic scale up to `max`, so a
/// few very frequent pairs do not wash out the rest.
pub fn level(count: u32, max: u32) -> u8 {
    if count == 0 || max == 0 {
        return 0;
    }
    if max == 1 {
        return LEVELS;
    }
    let x = (f64::from(count)).ln() / (f64::from(max)).ln();
    (1 + (x * f64::from(LEVELS - 1)).round() as u8).clamp(1, LEVELS)
}

/// The legend: for each level, the range of counts it covers (`lo..=hi`), skipping empty levels.
pub fn legend(max: u32) -> Vec<(u8, u32, u32)> {
    let mut out: Vec<(u8, u32, u32)> = Vec::new();
    for c in 1..=max {
        let l = level(c, max);
        match out.last_mut() {
            Some(last) if last.0 == l => last.2 = c,
            _ => out.push((l, c, c)),
        }
        // Large maxima: stop walking one by one once the top level is reached.
        if l == LEVELS {
            if let Some(last) = out.last_mut() {
                last.2 = max;
            }
            break;
        }
    }
    out
}

/// The entities of the shown rows (and columns), in order: what the CSV export names.
pub fn shown_entities(grid: &Grid, shown: &[usize]) -> Vec<Entity> {
    shown.iter().map(|&i| grid.codes[i]).collect()
}

fn escape_xml(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// The short label of a row or column: the country code, or `◆` and the organization's id.
pub fn short_label(e: Entity) -> String {
    if e.is_org() {
        format!("◆{}", e.code())
    } else {
        e.code().to_string()
    }
}

/// The shown part of the matrix as a standalone SVG image, with a title, codes on both axes
/// (organizations italic and marked ◆), the counts in the cells and a legend.
pub fn svg(grid: &Grid, shown: &[usize], title: &str) -> String {
    const CELL: usize = 28;
    // Column labels longer than a country code are turned upwards; rows and the top margin grow
    // with the longest label (about 7 px a character at 11 px).
    let longest = shown
        .iter()
        .map(|&i| short_label(grid.codes[i]).chars().count())
        .max()
        .unwrap_or(2);
    let turned = longest > 3;
    let label_px = longest * 7;
    let label_w = (label_px + 14).max(44);
    let top = if turned { 34 + label_px } else { 56 };
    let n = shown.len();
    let max = shown
        .iter()
        .flat_map(|&i| shown.iter().map(move |&j| (i, j)))
        .map(|(i, j)| grid.get(i, j))
        .max()
        .unwrap_or(0);
    let width = label_w + n * CELL + 16;
    let height = top + n * CELL + 56;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="11"><rect width="100%" height="100%" fill="#ffffff"/><text x="8" y="18" font-size="14" font-weight="bold" fill="#1d232a">"##
    );
    escape_xml(title, &mut s);
    s.push_str("</text>");
    for (k, &i) in shown.iter().enumerate() {
        let e = grid.codes[i];
        let code = short_label(e);
        // Organizations: italic, in the accent colour, marked ◆ (as in the table).
        let style = if e.is_org() {
            r##" font-style="italic" fill="#7e22ce""##
        } else {
            r##" fill="#1d232a""##
        };
        let x = label_w + k * CELL + CELL / 2;
        let y = top + k * CELL + CELL / 2 + 4;
        if turned {
            let ty = top - 6;
            let _ = write!(
                s,
                r##"<text x="{}" y="{ty}" transform="rotate(-60 {} {ty})"{style}>"##,
                x - 3,
                x - 3
            );
        } else {
            let _ = write!(
                s,
                r##"<text x="{x}" y="{}" text-anchor="middle"{style}>"##,
                top - 6
            );
        }
        escape_xml(&code, &mut s);
        let _ = write!(
            s,
            r##"</text><text x="{}" y="{y}" text-anchor="end"{style}>"##,
            label_w - 6
        );
        escape_xml(&code, &mut s);
        s.push_str("</text>");
    }
    for (r, &i) in shown.iter().enumerate() {
        for (c, &j) in shown.iter().enumerate() {
            let count = grid.get(i, j);
            let l = level(count, max);
            let x = label_w + c * CELL;
            let y = top + r * CELL;
            let fill = if l == 0 {
                "#f2f3f5"
            } else {
                PALETTE[usize::from(l - 1)]
            };
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{fill}" stroke="#ffffff"><title>"##
            );
            escape_xml(
                &format!(
                    "{} – {}: {count}",
                    short_label(grid.codes[i]),
                    short_label(grid.codes[j])
                ),
                &mut s,
            );
            s.push_str("</title></rect>");
            if count > 0 {
                let fg = if light_text(l) { "#ffffff" } else { "#1d232a" };
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" text-anchor="middle" fill="{fg}">{count}</text>"#,
                    x + CELL / 2,
                    y + CELL / 2 + 4
                );
            }
        }
    }
    let ly = top + n * CELL + 20;
    let _ = write!(
        s,
        r##"<text x="8" y="{}" fill="#1d232a">co-mentions:</text>"##,
        ly + 12
    );
    for (k, (l, lo, hi)) in legend(max).into_iter().enumerate() {
        let x = 90 + k * 52;
        let label = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}–{hi}")
        };
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{ly}" width="14" height="14" fill="{}"/><text x="{}" y="{}" fill="#1d232a">{label}</text>"##,
            PALETTE[usize::from(l - 1)],
            x + 18,
            ly + 12
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> Entity {
        Entity::from_id(s).unwrap()
    }

    fn grid() -> Grid {
        Grid::new(
            vec![cc("AZ"), cc("PK"), cc("TR"), cc("CN"), cc("FR")],
            vec![
                (cc("AZ"), cc("PK"), 5),
                (cc("AZ"), cc("TR"), 3),
                (cc("PK"), cc("CN"), 2),
                (cc("TR"), cc("AZ"), 1),
                (cc("FR"), cc("FR"), 9),
            ],
        )
    }

    fn codes(g: &Grid, idx: &[usize]) -> Vec<String> {
        idx.iter().map(|&i| g.codes[i].to_string()).collect()
    }

    #[test]
    fn stance_balance_is_not_claimed_for_organizations() {
        let (az, ge, eu) = (cc("AZ"), cc("GE"), cc("org.EU"));
        assert_eq!(
            stance_balance(az, ge, [3, 0, 1]).as_deref(),
            Some("3 cooperative, 1 neutral")
        );
        assert_eq!(stance_balance(az, ge, [0, 0, 0]), None);
        assert_eq!(
            stance_balance(az, eu, [0, 0, 4]).as_deref(),
            Some("not scored for organizations")
        );
    }

    #[test]
    fn grid_is_symmetric_and_ignores_self_pairs() {
        let g = grid();
        assert_eq!(g.get(0, 2), 4);
        assert_eq!(g.get(2, 0), 4);
        assert_eq!(g.get(4, 4), 0);
        assert_eq!(g.totals, vec![9, 7, 4, 2, 0]);
        assert_eq!(g.max(), 5);
    }

    #[test]
    fn selects_top_n_in_each_order() {
        let g = grid();
        assert_eq!(
            codes(&g, &g.select(None, MatrixOrder::Frequency)),
            ["AZ", "PK", "TR", "CN"]
        );
        assert_eq!(
            codes(&g, &g.select(Some(3), MatrixOrder::Frequency)),
            ["AZ", "PK", "TR"]
        );
        assert_eq!(codes(&g, &g.select(None, MatrixOrder::Cluster)).len(), 4);
        assert_eq!(codes(&g, &g.select(None, MatrixOrder::Cluster))[0], "AZ");
        // Same input, same order.
        assert_eq!(
            g.select(None, MatrixOrder::Cluster),
            g.select(None, MatrixOrder::Cluster)
        );
    }

    #[test]
    fn levels_cover_one_to_eight_logarithmically() {
        assert_eq!(level(0, 10), 0);
        assert_eq!(level(1, 10), 1);
        assert_eq!(level(10, 10), 8);
        assert_eq!(level(1, 1), 8);
        assert!(level(3, 100) < level(30, 100));
        let l = legend(100);
        assert_eq!(l.first().map(|x| (x.0, x.1)), Some((1, 1)));
        assert_eq!(l.last().map(|x| (x.0, x.2)), Some((8, 100)));
        assert!(legend(0).is_empty());
    }

    #[test]
    fn exports_svg() {
        let g = grid();
        let shown = g.select(Some(2), MatrixOrder::Frequency);
        assert_eq!(shown_entities(&g, &shown), [cc("AZ"), cc("PK")]);
        let svg = svg(&g, &shown, "Co-mentions <sentence>");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("Co-mentions &lt;sentence&gt;"));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("italic"), "no organization, no italic label");
    }

    #[test]
    fn organizations_are_labelled_apart_in_exports() {
        let g = Grid::new(
            vec![cc("AU"), cc("AZ"), cc("org.AU"), cc("org.Commonwealth")],
            vec![
                (cc("AZ"), cc("org.AU"), 4),
                (cc("AU"), cc("org.Commonwealth"), 2),
                (cc("AU"), cc("AZ"), 1),
            ],
        );
        let shown = g.select(None, MatrixOrder::Frequency);
        assert_eq!(
            codes(&g, &shown),
            ["AZ", "org.AU", "AU", "org.Commonwealth"]
        );
        let svg = svg(&g, &shown, "t");
        // Both axes: the organization's id, marked and italic; Australia stays plain.
        assert_eq!(svg.matches(">◆AU</text>").count(), 2, "{svg}");
        assert_eq!(
            svg.matches(r##"font-style="italic" fill="#7e22ce">◆Commonwealth<"##)
                .count(),
            2
        );
        assert_eq!(svg.matches(r##"fill="#1d232a">AU</text>"##).count(), 2);
        assert!(svg.contains("rotate(-60"), "long labels are turned");
    }
}
