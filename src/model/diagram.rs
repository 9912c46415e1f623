//! Diagram data (SPEC §4 `diagram`), resolved and checked: an org chart
//! already carries its units from organization.yaml, so drawing needs nothing else.

/// One figure's diagram, by kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Diagram {
    /// An organization chart of one mode.
    Org(OrgChart),
    /// A flow chart.
    Flow(Flow),
    /// A relation diagram: nodes in groups, joined by edges.
    Relation(Relation),
    /// Server racks, side by side.
    Rack(Vec<Rack>),
    /// A floor plan.
    Floor(Floor),
}

impl Diagram {
    /// The kind as the source names it (`org`, `flow` …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Diagram::Org(_) => "org",
            Diagram::Flow(_) => "flow",
            Diagram::Relation(_) => "relation",
            Diagram::Rack(_) => "rack",
            Diagram::Floor(_) => "floor",
        }
    }

    /// Every label drawn, in a stable order (text alternative, search, tests).
    pub fn labels(&self) -> Vec<String> {
        match self {
            Diagram::Org(o) => o
                .units
                .iter()
                .flat_map(|u| [u.label.clone()].into_iter().chain(u.holder.clone()))
                .collect(),
            Diagram::Flow(f) => f
                .nodes
                .iter()
                .map(|n| n.text.clone())
                .chain(f.edges.iter().filter_map(|e| e.label.clone()))
                .collect(),
            Diagram::Relation(r) => r
                .groups
                .iter()
                .cloned()
                .chain(r.nodes.iter().map(|n| n.text.clone()))
                .chain(r.edges.iter().filter_map(|e| e.label.clone()))
                .collect(),
            Diagram::Rack(racks) => racks
                .iter()
                .flat_map(|r| {
                    [r.name.clone()]
                        .into_iter()
                        .chain(r.devices.iter().map(|d| d.name.clone()))
                })
                .collect(),
            Diagram::Floor(f) => f
                .areas
                .iter()
                .map(|a| a.name.clone())
                .chain(f.items.iter().map(|i| i.name.clone()))
                .collect(),
        }
    }
}

/// An organization chart of one mode, its units resolved from organization.yaml.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgChart {
    /// The mode's title (平常時の体制).
    pub title: String,
    /// The units, in the mode's order; `parent` links each to its superior.
    pub units: Vec<OrgUnit>,
}

/// One box of an organization chart.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgUnit {
    /// The role id, or the body's own id.
    pub id: String,
    /// The role's or body's name (電算機管理者).
    pub label: String,
    /// Who holds it (情報システム課長), for roles.
    pub holder: Option<String>,
    /// Index into `units` of the unit it reports to; None for the top.
    pub parent: Option<usize>,
}

/// The shape of a flow-chart node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    /// Where the flow starts.
    Start,
    /// An action.
    Step,
    /// A branch on a question.
    Decision,
    /// Where the flow ends.
    End,
}

/// A flow chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    /// The nodes, in source order.
    pub nodes: Vec<FlowNode>,
    /// Indices into `nodes`, checked.
    pub edges: Vec<Edge>,
}

/// One node of a flow chart.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowNode {
    /// The id edges name in the source.
    pub id: String,
    /// Its shape.
    pub kind: FlowKind,
    /// Its text.
    pub text: String,
}

/// An arrow between two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Index of the node it starts from.
    pub from: usize,
    /// Index of the node it points to.
    pub to: usize,
    /// Its label, when given.
    pub label: Option<String>,
}

/// A relation diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Group names in first-use order.
    pub groups: Vec<String>,
    /// The nodes, in source order.
    pub nodes: Vec<RelationNode>,
    /// The edges, as indices into `nodes`.
    pub edges: Vec<Edge>,
}

/// One node of a relation diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationNode {
    /// The id edges name in the source.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Index into `groups`.
    pub group: Option<usize>,
}

/// One server rack.
#[derive(Clone, Debug, PartialEq)]
pub struct Rack {
    /// The rack's name.
    pub name: String,
    /// Its height in rack units.
    pub units: u32,
    /// The mounted devices.
    pub devices: Vec<Device>,
}

/// One device in a rack.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    /// The device's name.
    pub name: String,
    /// Lowest unit occupied (U1 at the bottom); fills `u ..= u + height - 1`.
    pub u: u32,
    /// How many rack units it fills.
    pub height: u32,
    /// Its kind, which decides its colour.
    pub kind: String,
}

/// A floor plan on a grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Floor {
    /// Grid columns.
    pub cols: u32,
    /// Grid rows.
    pub rows: u32,
    /// The named areas.
    pub areas: Vec<Area>,
    /// The items placed on it.
    pub items: Vec<FloorItem>,
}

/// One area of a floor plan, in grid cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// The area's name.
    pub name: String,
    /// Left column.
    pub x: u32,
    /// Top row.
    pub y: u32,
    /// Width in cells.
    pub w: u32,
    /// Height in cells.
    pub h: u32,
}

/// One item placed on a floor plan.
#[derive(Clone, Debug, PartialEq)]
pub struct FloorItem {
    /// The item's name.
    pub name: String,
    /// Column.
    pub x: u32,
    /// Row.
    pub y: u32,
    /// Its kind, which decides its mark.
    pub kind: String,
}
