//! View state: every piece of what the explorer shows, and the pure transition function over user
//! actions ([`ViewState::reduce`]). The URL query-string codec that makes each view shareable is
//! [`super::url`].

use crate::model::{CountryCode, FigureKind, PartialDate, Stance, Topic};

/// The main views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// The result list.
    #[default]
    Documents,
    /// The country-relation matrix.
    Matrix,
    /// The figures table.
    Figures,
}

impl View {
    /// The id used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            View::Documents => "docs",
            View::Matrix => "matrix",
            View::Figures => "figures",
        }
    }
    /// Parses an id.
    pub fn from_id(s: &str) -> Option<View> {
        [View::Documents, View::Matrix, View::Figures]
            .into_iter()
            .find(|v| v.id() == s)
    }
}

/// How the chosen countries combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CountryMode {
    /// Documents that mention any of them.
    #[default]
    Any,
    /// Documents that mention all of them.
    All,
}

/// The co-mention window of the matrix (the matrix engine's own type, so the URL, the app and
/// the CLI name windows alike).
pub use crate::relations::matrix::Window;

/// A matrix row or column: a country or an organization (the matrix engine's own type).
pub use crate::relations::matrix::Entity;

/// How matrix rows and columns are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MatrixOrder {
    /// Most co-mentioned first.
    #[default]
    Frequency,
    /// By country name.
    Name,
    /// Similar countries next to each other.
    Cluster,
}

impl MatrixOrder {
    /// All orders.
    pub const ALL: [MatrixOrder; 3] = [
        MatrixOrder::Frequency,
        MatrixOrder::Name,
        MatrixOrder::Cluster,
    ];
    /// The id used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            MatrixOrder::Frequency => "freq",
            MatrixOrder::Name => "name",
            MatrixOrder::Cluster => "cluster",
        }
    }
    /// The label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            MatrixOrder::Frequency => "frequency",
            MatrixOrder::Name => "name",
            MatrixOrder::Cluster => "clustered",
        }
    }
    /// Parses an id.
    pub fn from_id(s: &str) -> Option<MatrixOrder> {
        MatrixOrder::ALL.into_iter().find(|o| o.id() == s)
    }
}

/// The default number of countries shown in the matrix.
pub const DEFAULT_TOP_N: u16 = 20;
/// The largest top-N.
pub const MAX_TOP_N: u16 = 500;

/// The matrix view's settings.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MatrixSettings {
    /// Co-mention window.
    pub window: Window,
    /// Only pairs on this topic.
    pub topic: Option<Topic>,
    /// Only pairs with this stance.
    pub stance: Option<Stance>,
    /// Row/column order.
    pub order: MatrixOrder,
    /// Show the top N countries; `None` shows all.
    pub top_n: Option<u16>,
    /// Organizations as rows and columns beside the countries.
    pub organizations: bool,
    /// The selected cell, whose evidence is open (`a < b`).
    pub cell: Option<(Entity, Entity)>,
}

impl Default for MatrixSettings {
    fn default() -> Self {
        MatrixSettings {
            window: Window::Sentence,
            topic: None,
            stance: None,
            order: MatrixOrder::Frequency,
            top_n: Some(DEFAULT_TOP_N),
            organizations: false,
            cell: None,
        }
    }
}

/// A column the figures table can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FigureSortKey {
    /// Document order (document, then position).
    #[default]
    Document,
    /// Normalized value.
    Value,
    /// Kind.
    Kind,
    /// Document date.
    Date,
    /// The year the figure refers to.
    Year,
}

impl FigureSortKey {
    /// The id used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            FigureSortKey::Document => "doc",
            FigureSortKey::Value => "value",
            FigureSortKey::Kind => "kind",
            FigureSortKey::Date => "date",
            FigureSortKey::Year => "year",
        }
    }
    /// Parses an id.
    pub fn from_id(s: &str) -> Option<FigureSortKey> {
        [
            FigureSortKey::Document,
            FigureSortKey::Value,
            FigureSortKey::Kind,
            FigureSortKey::Date,
            FigureSortKey::Year,
        ]
        .into_iter()
        .find(|k| k.id() == s)
    }
}

/// The figures table's sort.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FigureSort {
    /// The column.
    pub key: FigureSortKey,
    /// Largest first.
    pub descending: bool,
}

/// A filter the user can clear on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    /// The search text.
    Query,
    /// Chosen countries.
    Countries,
    /// A country pair.
    Pair,
    /// Organizations.
    Organizations,
    /// Topics.
    Topics,
    /// Stances.
    Stances,
    /// Sources.
    Sources,
    /// The date range.
    Dates,
    /// Figure kinds.
    FigureKinds,
}

/// Everything the explorer shows; the URL holds all of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ViewState {
    /// Search box text.
    pub query: String,
    /// Chosen countries, in the order chosen.
    pub countries: Vec<CountryCode>,
    /// Any or all of the chosen countries.
    pub country_mode: CountryMode,
    /// Documents with a relation sentence pairing these two countries (`a < b`).
    pub pair: Option<(CountryCode, CountryCode)>,
    /// Chosen organization ids.
    pub organizations: Vec<String>,
    /// Chosen topics.
    pub topics: Vec<Topic>,
    /// Chosen stances.
    pub stances: Vec<Stance>,
    /// Chosen sources.
    pub sources: Vec<String>,
    /// Earliest date (inclusive).
    pub date_from: Option<PartialDate>,
    /// Latest date (inclusive).
    pub date_to: Option<PartialDate>,
    /// Chosen figure kinds.
    pub figure_kinds: Vec<FigureKind>,
    /// The active tab.
    pub view: View,
    /// Matrix settings.
    pub matrix: MatrixSettings,
    /// Figures table sort.
    pub figure_sort: FigureSort,
    /// The open document's id.
    pub document: Option<String>,
    /// A byte offset to scroll to in the open document (a figure or evidence sentence).
    pub at: Option<u32>,
    /// The short content hash of the corpus the view belongs to, for imported corpora.
    pub corpus: Option<String>,
}

/// A user action. [`ViewState::reduce`] applies it.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Typing in the search box.
    SetQuery(String),
    /// Adds or removes a country.
    ToggleCountry(CountryCode),
    /// Any / all.
    SetCountryMode(CountryMode),
    /// Sets or clears the country pair.
    SetPair(Option<(CountryCode, CountryCode)>),
    /// Adds or removes an organization.
    ToggleOrganization(String),
    /// Adds or removes a topic.
    ToggleTopic(Topic),
    /// Adds or removes a stance.
    ToggleStance(Stance),
    /// Adds or removes a source.
    ToggleSource(String),
    /// Sets the date range.
    SetDates(Option<PartialDate>, Option<PartialDate>),
    /// Adds or removes a figure kind.
    ToggleFigureKind(FigureKind),
    /// Clears one filter.
    Clear(Facet),
    /// Clears every filter (keeps the view and its settings).
    ClearAll,
    /// Switches the tab.
    SetView(View),
    /// Matrix window.
    SetWindow(Window),
    /// Matrix topic.
    SetMatrixTopic(Option<Topic>),
    /// Matrix stance.
    SetMatrixStance(Option<Stance>),
    /// Matrix order.
    SetMatrixOrder(MatrixOrder),
    /// Matrix top-N (`None` = all).
    SetTopN(Option<u16>),
    /// Shows or hides organizations in the matrix.
    SetMatrixOrganizations(bool),
    /// Selects a matrix cell (or closes its evidence).
    SelectCell(Option<(Entity, Entity)>),
    /// Figures sort.
    SetFigureSort(FigureSort),
    /// Opens a document (optionally at an offset) or closes the reader.
    OpenDocument(Option<String>, Option<u32>),
}

/// Whether an action's new URL should replace the current history entry (typing, small
/// adjustments) or push a new one (discrete navigation that Back should undo).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// `history.replaceState`.
    Replace,
    /// `history.pushState`.
    Push,
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if let Some(i) = list.iter().position(|x| *x == item) {
        list.remove(i);
    } else {
        list.push(item);
    }
}

/// Orders a pair (of countries, or of matrix entities) so that `a < b`; `None` for a pair of one.
pub fn ordered_pair<T: Ord>(a: T, b: T) -> Option<(T, T)> {
    match a.cmp(&b) {
        std::cmp::Ordering::Less => Some((a, b)),
        std::cmp::Ordering::Greater => Some((b, a)),
        std::cmp::Ordering::Equal => None,
    }
}

impl Action {
    /// How the URL change of this action enters the browser history.
    pub fn history(&self) -> HistoryMode {
        match self {
            Action::SetQuery(_)
            | Action::SetDates(..)
            | Action::SetTopN(_)
            | Action::SetFigureSort(_) => HistoryMode::Replace,
            _ => HistoryMode::Push,
        }
    }
}

impl ViewState {
    /// Applies an action, returning the new state. Pure: effects (writing the URL) belong to the
    /// caller.
    pub fn reduce(&self, action: Action) -> ViewState {
        let mut s = self.clone();
        match action {
            Action::SetQuery(q) => s.query = q,
            Action::ToggleCountry(c) => toggle(&mut s.countries, c),
            Action::SetCountryMode(m) => s.country_mode = m,
            Action::SetPair(p) => s.pair = p.and_then(|(a, b)| ordered_pair(a, b)),
            Action::ToggleOrganization(o) => toggle(&mut s.organizations, o),
            Action::ToggleTopic(t) => toggle(&mut s.topics, t),
            Action::ToggleStance(x) => toggle(&mut s.stances, x),
            Action::ToggleSource(x) => toggle(&mut s.sources, x),
            Action::SetDates(from, to) => {
                s.date_from = from;
                s.date_to = to;
            }
            Action::ToggleFigureKind(k) => toggle(&mut s.figure_kinds, k),
            Action::Clear(f) => s.clear(f),
            Action::ClearAll => {
                for f in s.active_facets() {
                    s.clear(f);
                }
            }
            Action::SetView(v) => s.view = v,
            Action::SetWindow(w) => s.matrix.window = w,
            Action::SetMatrixTopic(t) => s.matrix.topic = t,
            Action::SetMatrixStance(x) => s.matrix.stance = x,
            Action::SetMatrixOrder(o) => s.matrix.order = o,
            Action::SetTopN(n) => s.matrix.top_n = n.map(|n| n.clamp(2, MAX_TOP_N)),
            Action::SetMatrixOrganizations(on) => {
                s.matrix.organizations = on;
                // A cell with an organization is not in a matrix without them.
                if !on && s.matrix.cell.is_some_and(|(_, b)| b.is_org()) {
                    s.matrix.cell = None;
                }
            }
            Action::SelectCell(c) => s.matrix.cell = c.and_then(|(a, b)| ordered_pair(a, b)),
            Action::SetFigureSort(x) => s.figure_sort = x,
            Action::OpenDocument(d, at) => {
                s.at = d.as_ref().and(at);
                s.document = d;
            }
        }
        s
    }

    fn clear(&mut self, facet: Facet) {
        match facet {
            Facet::Query => self.query.clear(),
            Facet::Countries => {
                self.countries.clear();
                self.country_mode = CountryMode::Any;
            }
            Facet::Pair => self.pair = None,
            Facet::Organizations => self.organizations.clear(),
            Facet::Topics => self.topics.clear(),
            Facet::Stances => self.stances.clear(),
            Facet::Sources => self.sources.clear(),
            Facet::Dates => {
                self.date_from = None;
                self.date_to = None;
            }
            Facet::FigureKinds => self.figure_kinds.clear(),
        }
    }

    /// The filters currently set.
    pub fn active_facets(&self) -> Vec<Facet> {
        let mut out = Vec::new();
        if !self.query.trim().is_empty() {
            out.push(Facet::Query);
        }
        if !self.countries.is_empty() {
            out.push(Facet::Countries);
        }
        if self.pair.is_some() {
            out.push(Facet::Pair);
        }
        if !self.organizations.is_empty() {
            out.push(Facet::Organizations);
        }
        if !self.topics.is_empty() {
            out.push(Facet::Topics);
        }
        if !self.stances.is_empty() {
            out.push(Facet::Stances);
        }
        if !self.sources.is_empty() {
            out.push(Facet::Sources);
        }
        if self.date_from.is_some() || self.date_to.is_some() {
            out.push(Facet::Dates);
        }
        if !self.figure_kinds.is_empty() {
            out.push(Facet::FigureKinds);
        }
        out
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) fn cc(s: &str) -> CountryCode {
        CountryCode::new(s).unwrap()
    }

    pub(crate) fn org(id: &str) -> Entity {
        Entity::from_id(&format!("org.{id}")).unwrap()
    }

    /// A state with every field away from its default.
    pub(crate) fn full_state() -> ViewState {
        ViewState {
            query: "energy \"peace agreement\" -war, ü&=%".into(),
            countries: vec![cc("AZ"), cc("PK")],
            country_mode: CountryMode::All,
            pair: Some((cc("AM"), cc("AZ"))),
            organizations: vec!["EU".into(), "Minsk Group, OSCE".into()],
            topics: vec![Topic::Energy, Topic::Defense],
            stances: vec![Stance::Conflictual],
            sources: vec!["Trend".into(), "apa.az".into()],
            date_from: PartialDate::parse_iso("2024-07"),
            date_to: PartialDate::parse_iso("2025-12-05"),
            figure_kinds: vec![FigureKind::Money],
            view: View::Matrix,
            matrix: MatrixSettings {
                window: Window::Paragraph,
                topic: Some(Topic::Trade),
                stance: Some(Stance::Cooperative),
                order: MatrixOrder::Cluster,
                top_n: None,
                organizations: true,
                cell: Some((cc("AZ").into(), org("EU"))),
            },
            figure_sort: FigureSort {
                key: FigureSortKey::Value,
                descending: true,
            },
            document: Some("004-2208a95f7e68815d-s2".into()),
            at: Some(1234),
            corpus: Some("a1b2c3d4".into()),
        }
    }

    #[test]
    fn typing_replaces_history_and_navigation_pushes() {
        assert_eq!(Action::SetQuery("x".into()).history(), HistoryMode::Replace);
        assert_eq!(Action::SetView(View::Figures).history(), HistoryMode::Push);
        assert_eq!(Action::SelectCell(None).history(), HistoryMode::Push);
        assert_eq!(
            Action::OpenDocument(Some("d".into()), None).history(),
            HistoryMode::Push
        );
    }

    #[test]
    fn reducer_toggles_clears_and_orders_pairs() {
        let s = ViewState::default().reduce(Action::ToggleTopic(Topic::Energy));
        assert_eq!(s.topics, vec![Topic::Energy]);
        assert!(s
            .reduce(Action::ToggleTopic(Topic::Energy))
            .topics
            .is_empty());
        let s = s.reduce(Action::SetPair(Some((cc("PK"), cc("AZ")))));
        assert_eq!(s.pair, Some((cc("AZ"), cc("PK"))));
        assert_eq!(s.active_facets(), vec![Facet::Pair, Facet::Topics]);
        let cleared = s.reduce(Action::ClearAll);
        assert!(cleared.active_facets().is_empty());
        let s = full_state().reduce(Action::ClearAll);
        assert_eq!(s.view, View::Matrix, "clearing filters keeps the view");
        assert_eq!(
            full_state().reduce(Action::OpenDocument(None, Some(5))).at,
            None
        );
    }
}
