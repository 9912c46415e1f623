//! Colours, sizes and class names shared by the five layouts. Every shape
//! carries a class so the HTML theme can recolour it (dark mode); the colours
//! here are the light, printed ones.

use super::drawing::{Color, Paint};
use super::text::TextStyle;

/// Text and outlines.
pub const INK: Color = Color(0x22, 0x22, 0x22);
/// Secondary text and lines.
pub const MUTED: Color = Color(0x55, 0x5d, 0x66);
/// Box fills.
pub const WHITE: Color = Color(0xff, 0xff, 0xff);
/// Highlighted edges and links.
pub const LINK: Color = Color(0x1f, 0x4e, 0x8c);

/// Body text of a label.
pub const LABEL: TextStyle = TextStyle {
    size: 10.0,
    line: 13.0,
    bold: false,
    color: INK,
    class: "dg-text",
};
/// A smaller second line (a holder, a U number).
pub const SMALL: TextStyle = TextStyle {
    size: 8.5,
    line: 11.0,
    bold: false,
    color: MUTED,
    class: "dg-text-muted",
};
/// Titles of groups, racks and areas.
pub const HEADING: TextStyle = TextStyle {
    size: 10.0,
    line: 13.0,
    bold: true,
    color: INK,
    class: "dg-text",
};
/// Edge labels (はい／いいえ, 前提): as large as the boxes' text, so a
/// flow scaled to fit a page keeps both at 7 pt or more.
pub const EDGE_LABEL: TextStyle = TextStyle {
    size: 10.0,
    line: 12.0,
    bold: true,
    color: LINK,
    class: "dg-edge-label",
};

/// A paint from its parts; `class` is the theme class the HTML recolours by.
pub fn paint(fill: Option<Color>, stroke: Option<Color>, width: f32, class: &'static str) -> Paint {
    Paint {
        fill,
        stroke,
        stroke_width: width,
        dashed: false,
        class,
    }
}

/// An ordinary box: white with a dark outline.
pub fn node() -> Paint {
    paint(Some(WHITE), Some(INK), 1.0, "dg-node")
}

/// Start and end of a flow.
pub fn terminal() -> Paint {
    paint(Some(Color(0xe3, 0xf1, 0xe3)), Some(INK), 1.0, "dg-terminal")
}

/// The paint of a flow chart's decision shape.
pub fn decision() -> Paint {
    paint(Some(Color(0xfd, 0xf3, 0xd0)), Some(INK), 1.0, "dg-decision")
}

/// A group's or area's background.
pub fn group() -> Paint {
    paint(
        Some(Color(0xee, 0xf2, 0xf7)),
        Some(Color(0x8a, 0x97, 0xa6)),
        0.8,
        "dg-group",
    )
}

/// The paint of an edge line.
pub fn edge() -> Paint {
    paint(None, Some(INK), 1.0, "dg-edge")
}

/// Thin lines of a grid or a rack's unit marks.
pub fn hairline() -> Paint {
    paint(None, Some(Color(0xc4, 0xcb, 0xd3)), 0.5, "dg-grid")
}

/// Colours for kinds (rack devices, floor items), dark enough for white
/// numbers and distinct in print.
const KIND_COLORS: [Color; 8] = [
    Color(0x3b, 0x6e, 0xa5),
    Color(0xc8, 0x62, 0x16),
    Color(0x3f, 0x8a, 0x3a),
    Color(0xb8, 0x36, 0x2b),
    Color(0x2a, 0x84, 0x7e),
    Color(0x8f, 0x74, 0x08),
    Color(0x86, 0x52, 0x84),
    Color(0x6f, 0x50, 0x3d),
];
const KIND_CLASSES: [&str; 8] = [
    "dg-kind-0",
    "dg-kind-1",
    "dg-kind-2",
    "dg-kind-3",
    "dg-kind-4",
    "dg-kind-5",
    "dg-kind-6",
    "dg-kind-7",
];

/// Paint for the `i`-th kind in first-use order (colours repeat after eight).
pub fn kind(i: usize) -> Paint {
    paint(
        Some(KIND_COLORS[i % 8]),
        Some(INK),
        0.6,
        KIND_CLASSES[i % 8],
    )
}

/// Japanese names for the usual kinds; an unknown kind shows as written.
pub fn kind_name(kind: &str) -> String {
    let name = match kind {
        "power" => "電源",
        "patch" => "パッチパネル",
        "network" => "ネットワーク機器",
        "server" => "サーバ",
        "storage" => "ストレージ",
        "security" => "セキュリティ機器",
        "cvcf" => "CVCF",
        "battery" => "蓄電池",
        "panel" => "分電盤",
        "door" => "出入口",
        "extinguisher" => "消火器",
        "equipment" => "備品・機器",
        "room" => "部屋",
        "switch" => "スイッチ",
        "core" => "コアスイッチ",
        "cable" => "配線",
        "desk" => "席",
        "cabinet" => "保管場所",
        "rack" => "ラック",
        "aircon" => "空調機",
        "other" => "その他",
        other => other,
    };
    name.to_string()
}

/// Kinds in first-use order, so colours follow the data and stay stable.
pub fn kinds_in_order<'a>(kinds: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in kinds {
        if !out.iter().any(|o| o == k) {
            out.push(k.to_string());
        }
    }
    out
}
