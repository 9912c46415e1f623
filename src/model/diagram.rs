//! Diagram data (SPEC §4 `diagram`), resolved and checked: an org chart
//! already carries its units from organization.yaml, so drawing needs nothing else.

#[derive(Clone, Debug, PartialEq)]
pub enum Diagram {
    Org(OrgChart),
    Flow(Flow),
    Relation(Relation),
    Rack(Vec<Rack>),
    Floor(Floor),
}

impl Diagram {
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

#[derive(Clone, Debug, PartialEq)]
pub struct OrgChart {
    /// The mode's title (平常時の体制).
    pub title: String,
    pub units: Vec<OrgUnit>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrgUnit {
    pub id: String,
    /// The role's or body's name (電算機管理者).
    pub label: String,
    /// Who holds it (情報システム課長), for roles.
    pub holder: Option<String>,
    /// Index into `units` of the unit it reports to; None for the top.
    pub parent: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    Start,
    Step,
    Decision,
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub nodes: Vec<FlowNode>,
    /// Indices into `nodes`, checked.
    pub edges: Vec<Edge>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FlowNode {
    pub id: String,
    pub kind: FlowKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Group names in first-use order.
    pub groups: Vec<String>,
    pub nodes: Vec<RelationNode>,
    pub edges: Vec<Edge>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RelationNode {
    pub id: String,
    pub text: String,
    /// Index into `groups`.
    pub group: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rack {
    pub name: String,
    pub units: u32,
    pub devices: Vec<Device>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub name: String,
    /// Lowest unit occupied (U1 at the bottom); fills `u ..= u + height - 1`.
    pub u: u32,
    pub height: u32,
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Floor {
    pub cols: u32,
    pub rows: u32,
    pub areas: Vec<Area>,
    pub items: Vec<FloorItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub name: String,
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FloorItem {
    pub name: String,
    pub x: u32,
    pub y: u32,
    pub kind: String,
}
