//! Diagram YAML (SPEC §4 `diagram`) → resolved diagram data. Org charts are
//! drawn from organization.yaml here, so the diagram module needs nothing else.

use std::collections::HashMap;

use serde_yaml::Mapping;

use super::blocks::R;
use crate::diag::Diagnostic;
use crate::model::*;
use crate::source::raw::*;
use crate::source::yaml::{typed, Yaml};

use super::data::path;

impl R<'_> {
    fn list<T: serde::de::DeserializeOwned>(
        &mut self,
        yaml: &Yaml,
        map: &Mapping,
        base: &str,
        key: &str,
    ) -> Vec<T> {
        match map.get(key) {
            None => vec![],
            Some(v) => match typed(yaml, v, &path(base, key)) {
                Ok(t) => t,
                Err(d) => {
                    self.st.diags.push(d);
                    vec![]
                }
            },
        }
    }

    fn problem(&mut self, yaml: &Yaml, at: &str, value: &str, message: impl Into<String>) {
        self.st.diags.push(
            Diagnostic::error(&yaml.file, message)
                .at(yaml.lines.line(at))
                .field(at)
                .value(value),
        );
    }

    pub(super) fn org_chart(&mut self, yaml: &Yaml, mode_key: &str, at: &str) -> Option<OrgChart> {
        let Some(chart) = self.ctx.org_chart(mode_key, &mut self.st.deps) else {
            let known = self.ctx.mode_keys();
            self.problem(
                yaml,
                at,
                mode_key,
                format!(
                    "organization.yaml にない体制（mode）です（使える体制: {}）",
                    known.join(", ")
                ),
            );
            return None;
        };
        Some(chart)
    }

    fn edges(
        &mut self,
        yaml: &Yaml,
        map: &Mapping,
        base: &str,
        ids: &HashMap<String, usize>,
    ) -> Vec<Edge> {
        let raw: Vec<EdgeYaml> = self.list(yaml, map, base, "edges");
        let mut out = Vec::new();
        for (i, e) in raw.into_iter().enumerate() {
            let from = ids.get(&e.from).copied();
            let to = ids.get(&e.to).copied();
            if from.is_none() {
                self.problem(
                    yaml,
                    &path(base, &format!("edges[{i}].from")),
                    &e.from,
                    "線の始点が nodes にありません",
                );
            }
            if to.is_none() {
                self.problem(
                    yaml,
                    &path(base, &format!("edges[{i}].to")),
                    &e.to,
                    "線の終点が nodes にありません",
                );
            }
            if let (Some(from), Some(to)) = (from, to) {
                out.push(Edge {
                    from,
                    to,
                    label: e.label,
                });
            }
        }
        out
    }

    fn node_ids(&mut self, yaml: &Yaml, base: &str, nodes: &[NodeYaml]) -> HashMap<String, usize> {
        let mut ids = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if ids.insert(n.id.clone(), i).is_some() {
                self.problem(
                    yaml,
                    &path(base, &format!("nodes[{i}].id")),
                    &n.id,
                    "ノードの id が重複しています",
                );
            }
        }
        ids
    }

    pub(super) fn diagram(&mut self, yaml: &Yaml, map: &Mapping, base: &str) -> Option<Diagram> {
        let kind_at = path(base, "diagram");
        let Some(kind) = map.get("diagram").and_then(|v| v.as_str()) else {
            self.problem(
                yaml,
                &kind_at,
                "",
                "diagram: に図の種類（org, flow, relation, rack, floor）を書いてください",
            );
            return None;
        };
        let diagram = match kind {
            "org" => {
                let mode = map
                    .get("mode")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string();
                Diagram::Org(self.org_chart(yaml, &mode, &path(base, "mode"))?)
            }
            "flow" => {
                let nodes: Vec<NodeYaml> = self.list(yaml, map, base, "nodes");
                let ids = self.node_ids(yaml, base, &nodes);
                let mut out = Vec::new();
                for (i, n) in nodes.iter().enumerate() {
                    let k = match n.kind.as_deref().unwrap_or("step") {
                        "start" => FlowKind::Start,
                        "step" => FlowKind::Step,
                        "decision" => FlowKind::Decision,
                        "end" => FlowKind::End,
                        other => {
                            self.problem(
                                yaml,
                                &path(base, &format!("nodes[{i}].kind")),
                                other,
                                "ノードの種類は start, step, decision, end のどれかです",
                            );
                            FlowKind::Step
                        }
                    };
                    out.push(FlowNode {
                        id: n.id.clone(),
                        kind: k,
                        text: n.text.clone(),
                    });
                }
                let edges = self.edges(yaml, map, base, &ids);
                Diagram::Flow(Flow { nodes: out, edges })
            }
            "relation" => {
                let nodes: Vec<NodeYaml> = self.list(yaml, map, base, "nodes");
                let ids = self.node_ids(yaml, base, &nodes);
                let mut groups: Vec<String> = Vec::new();
                let mut out = Vec::new();
                for n in &nodes {
                    let group =
                        n.group
                            .as_ref()
                            .map(|g| match groups.iter().position(|x| x == g) {
                                Some(i) => i,
                                None => {
                                    groups.push(g.clone());
                                    groups.len() - 1
                                }
                            });
                    out.push(RelationNode {
                        id: n.id.clone(),
                        text: n.text.clone(),
                        group,
                    });
                }
                let edges = self.edges(yaml, map, base, &ids);
                Diagram::Relation(Relation {
                    groups,
                    nodes: out,
                    edges,
                })
            }
            "rack" => {
                let racks: Vec<RackYaml> = self.list(yaml, map, base, "racks");
                Diagram::Rack(
                    racks
                        .into_iter()
                        .map(|r| Rack {
                            name: r.name,
                            units: r.units,
                            devices: r
                                .devices
                                .into_iter()
                                .map(|d| Device {
                                    name: d.name,
                                    u: d.u,
                                    height: d.height,
                                    kind: d.kind,
                                })
                                .collect(),
                        })
                        .collect(),
                )
            }
            "floor" => {
                let grid: GridYaml = match map.get("grid") {
                    Some(v) => match typed(yaml, v, &path(base, "grid")) {
                        Ok(g) => g,
                        Err(d) => {
                            self.st.diags.push(d);
                            return None;
                        }
                    },
                    None => {
                        self.problem(
                            yaml,
                            &path(base, "grid"),
                            "",
                            "floor の図には grid: {cols, rows} が必要です",
                        );
                        return None;
                    }
                };
                let areas: Vec<AreaYaml> = self.list(yaml, map, base, "areas");
                let items: Vec<ItemYaml> = self.list(yaml, map, base, "items");
                Diagram::Floor(Floor {
                    cols: grid.cols,
                    rows: grid.rows,
                    areas: areas
                        .into_iter()
                        .map(|a| Area {
                            name: a.name,
                            x: a.x,
                            y: a.y,
                            w: a.w,
                            h: a.h,
                        })
                        .collect(),
                    items: items
                        .into_iter()
                        .map(|i| FloorItem {
                            name: i.name,
                            x: i.x,
                            y: i.y,
                            kind: i.kind,
                        })
                        .collect(),
                })
            }
            other => {
                self.problem(
                    yaml,
                    &kind_at,
                    other,
                    "図の種類は org, flow, relation, rack, floor のどれかです",
                );
                return None;
            }
        };
        self.check_diagram(yaml, base, &diagram);
        Some(diagram)
    }

    /// Semantic rules of the diagram module (overlaps, reachability, grid bounds).
    fn check_diagram(&mut self, yaml: &Yaml, base: &str, diagram: &Diagram) {
        for p in crate::diagram::check(diagram) {
            let at = path(base, &p.field);
            self.problem(yaml, &at, &p.value, p.message);
        }
    }
}
