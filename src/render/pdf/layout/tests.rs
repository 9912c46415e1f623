//! Unit tests of the typesetting rules, on the bundled IPAex fonts.

use std::collections::BTreeMap;

use super::boxes::{Draw, FontKind, Piece, VBox};
use super::paginate::paginate;
use super::table::{self, CellSpec, TableSpec};
use super::text::{self, Align, ParaOpts, Run, Style, NO_END, NO_START};
use super::{Ctx, Fonts, Mode};
use crate::font::FontMetrics;
use crate::model::*;

fn font_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/themes/default/fonts/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Runs `f` with a layout context on the real fonts.
fn with_ctx(f: impl FnOnce(&Ctx)) {
    let (m, g) = (font_bytes("ipaexm.ttf"), font_bytes("ipaexg.ttf"));
    let fonts = Fonts {
        mincho: FontMetrics::parse(&m).unwrap(),
        gothic: FontMetrics::parse(&g).unwrap(),
    };
    let s = Site::for_tests();
    let pages = BTreeMap::new();
    let ctx = Ctx::new(&fonts, &s, "doc", Mode::Single, &pages);
    f(&ctx);
}

fn run(s: &str) -> Vec<Run> {
    vec![Run {
        text: s.to_string(),
        style: Style::new(FontKind::Mincho, 10.0),
    }]
}

fn opts(width: f32) -> ParaOpts {
    ParaOpts {
        width,
        first_indent: 0.0,
        hang: 0.0,
        leading: 1.7,
        align: Align::Justify,
    }
}

/// Each line's text and the x where its last character ends.
fn line_texts(ctx: &Ctx, lines: &[VBox]) -> Vec<(String, f32)> {
    lines
        .iter()
        .map(|b| {
            let mut s = String::new();
            let mut right: f32 = 0.0;
            for d in &b.draws {
                if let Draw::Text {
                    x,
                    font,
                    size,
                    pieces,
                    ..
                } = d
                {
                    let mut x = *x;
                    for p in pieces {
                        match p {
                            Piece::Text(t) => {
                                s.push_str(t);
                                x += ctx.width(*font, *size, t);
                            }
                            Piece::Gap(g) => x += g,
                        }
                    }
                    right = right.max(x);
                }
            }
            (s, right)
        })
        .collect()
}

#[test]
fn no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    with_ctx(|ctx| {
        // Widths chosen so a naive break would put 。 」 、 or ー at a line start.
        let s = "本計画を印刷したものを書庫に保管する。「情報システム」という。）及び「全庁BCP〈地震編〉」とい\
                 う。」サーバーの電源を確認し、っゃゅょの後も続ける。";
        for chars in 5..30 {
            let lines = text::lines(ctx, &run(s), &opts(chars as f32 * 10.0));
            let texts = line_texts(ctx, &lines);
            for (i, (t, _)) in texts.iter().enumerate() {
                let first = t.chars().next().unwrap();
                let last = t.chars().last().unwrap();
                if i > 0 {
                    assert!(
                        !NO_START.contains(first),
                        "width {chars}: line {i} starts with {first}: {texts:?}"
                    );
                }
                assert!(
                    !NO_END.contains(last),
                    "width {chars}: line {i} ends with {last}: {texts:?}"
                );
            }
            let joined: String = texts.iter().map(|t| t.0.as_str()).collect();
            assert_eq!(joined, s, "no character lost or added");
        }
    });
}

#[test]
fn japanese_lines_fill_the_measure_except_the_last() {
    with_ctx(|ctx| {
        let s = "東日本大震災のような大地震、近年激甚化している台風や豪雨のような風水害といった災害が発生した場合においても、区は災害時優先業務を実施・継続させることが求められている。";
        let width = 203.0; // not a whole number of characters
        let lines = text::lines(ctx, &run(s), &opts(width));
        let texts = line_texts(ctx, &lines);
        assert!(texts.len() >= 3);
        for (t, right) in &texts[..texts.len() - 1] {
            assert!(
                (right - width).abs() < 0.05,
                "{t}: ends at {right}, measure {width}"
            );
        }
        let (_, last) = texts.last().unwrap();
        assert!(*last < width - 1.0, "the last line is not spread");
    });
}

#[test]
fn latin_words_and_numbers_are_not_split() {
    with_ctx(|ctx| {
        let s = "ネットワーク機器はCiscoCatalyst9300及び番号1234567890で管理する。";
        // From the width where the longest word fits (a longer one is cut).
        for chars in 9..20 {
            let texts = line_texts(ctx, &text::lines(ctx, &run(s), &opts(chars as f32 * 10.0)));
            let starts_ok = texts.iter().all(|(t, _)| {
                !(t.starts_with("atalyst")
                    || t.starts_with("9300") && !s.contains(&format!("Catalyst{t}")))
            });
            for w in ["CiscoCatalyst9300", "1234567890"] {
                assert!(
                    texts.iter().any(|(t, _)| t.contains(w)),
                    "width {chars}: {w} split: {texts:?}"
                );
            }
            assert!(starts_ok, "{texts:?}");
        }
    });
}

#[test]
fn a_word_longer_than_the_line_is_cut_rather_than_overflowing() {
    with_ctx(|ctx| {
        let url = "https://example.jp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        let texts = line_texts(ctx, &text::lines(ctx, &run(url), &opts(100.0)));
        assert!(texts.len() > 1);
        assert!(texts.iter().all(|(_, r)| *r <= 100.5), "{texts:?}");
    });
}

#[test]
fn a_soft_break_between_japanese_joins_without_space() {
    with_ctx(|ctx| {
        let mut rs = Vec::new();
        super::blocks::runs(
            ctx,
            &[Inline::Text("情報\nシステム and\nLatin".into())],
            &Style::new(FontKind::Mincho, 10.0),
            &mut rs,
        );
        assert_eq!(rs[0].text, "情報システム and Latin");
    });
}

#[test]
fn a_missing_character_is_recorded() {
    with_ctx(|ctx| {
        text::lines(ctx, &run("情報システム环境"), &opts(200.0));
        assert!(ctx.missing.borrow().contains(&'环'));
    });
}

fn long_cell(n: usize) -> CellSpec {
    let text = (0..n)
        .map(|i| format!("第{i}項の内容を確認する。"))
        .collect::<Vec<_>>()
        .join("");
    CellSpec::text(&text)
}

#[test]
fn a_row_taller_than_a_page_is_split_between_lines_and_the_header_repeats() {
    with_ctx(|ctx| {
        let spec = TableSpec {
            caption: None,
            header: vec![vec![CellSpec::text("項目"), CellSpec::text("内容")]],
            rows: vec![
                vec![CellSpec::text("短い"), long_cell(400)],
                vec![CellSpec::text("次"), CellSpec::text("最後の行")],
            ],
            widths: Some(vec![1.0, 3.0]),
        };
        let mut boxes = Vec::new();
        table::table(
            ctx,
            &spec,
            &super::blocks::Flow::body(0.0, 400.0),
            &mut boxes,
        );
        let page_h = 500.0;
        assert!(
            boxes[1].height > page_h,
            "the row must be taller than a page"
        );
        let pages = paginate(boxes, page_h);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for (i, page) in pages.iter().enumerate() {
            let texts: Vec<(f32, f32, String)> = page
                .iter()
                .filter_map(|d| match d {
                    Draw::Text { pieces, .. } => {
                        Some((d.extent().0, d.extent().1, format!("{pieces:?}")))
                    }
                    _ => None,
                })
                .collect();
            assert!(
                texts.iter().any(|t| t.2.contains("項目")),
                "page {i} repeats the header"
            );
            for (top, bottom, t) in &texts {
                assert!(
                    *top >= -0.01 && *bottom <= page_h + 0.01,
                    "page {i}: {t} crosses the page edge ({top}..{bottom})"
                );
            }
            // Every cell frame on the page stays inside it.
            for d in page {
                if let Draw::Rect { y, h, .. } = d {
                    assert!(
                        *y >= -0.01 && y + h <= page_h + 0.01,
                        "page {i}: frame {y}+{h}"
                    );
                }
            }
        }
        let all: String = pages
            .iter()
            .flatten()
            .filter_map(|d| match d {
                Draw::Text { pieces, .. } => Some(
                    pieces
                        .iter()
                        .filter_map(|p| match p {
                            Piece::Text(t) => Some(t.as_str()),
                            _ => None,
                        })
                        .collect::<String>(),
                ),
                _ => None,
            })
            .collect();
        assert!(
            all.contains("第399項の内容を確認する。"),
            "nothing is lost at the cuts"
        );
        assert!(all.contains("最後の行"));
    });
}

#[test]
fn a_heading_is_never_left_alone_at_a_page_foot() {
    let mut boxes: Vec<VBox> = (0..9)
        .map(|_| {
            VBox::new(
                50.0,
                vec![Draw::Anchor {
                    key: "x".into(),
                    y: 0.0,
                }],
            )
        })
        .collect();
    let mut h = VBox::new(
        30.0,
        vec![Draw::Anchor {
            key: "heading".into(),
            y: 0.0,
        }],
    );
    h.keep_with_next = true;
    boxes.push(h);
    boxes.push(VBox::new(
        50.0,
        vec![Draw::Anchor {
            key: "after".into(),
            y: 0.0,
        }],
    ));
    let pages = paginate(boxes, 500.0);
    assert_eq!(pages.len(), 2);
    assert!(pages[1]
        .iter()
        .any(|d| matches!(d, Draw::Anchor { key, .. } if key == "heading")));
}

#[test]
fn a_layout_has_settled_when_every_page_number_it_read_is_unchanged() {
    let with = |pairs: &[(&str, usize)]| -> BTreeMap<String, usize> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    let (m, g) = (font_bytes("ipaexm.ttf"), font_bytes("ipaexg.ttf"));
    let fonts = Fonts {
        mincho: FontMetrics::parse(&m).unwrap(),
        gothic: FontMetrics::parse(&g).unwrap(),
    };
    let s = Site::for_tests();
    let pages = with(&[("doc#a", 3)]);
    let ctx = Ctx::new(&fonts, &s, "doc", Mode::Single, &pages);
    assert_eq!(ctx.page_of("doc#a"), Some(3));
    assert_eq!(ctx.page_of("doc#b"), None);
    let read = ctx.lookups.into_inner();
    // The same answers: another pass would lay out the same pages.
    assert!(read.settled(&with(&[("doc#a", 3), ("doc#c", 9)])));
    // A number it read moved, or one it missed now exists: not settled.
    assert!(!read.settled(&with(&[("doc#a", 4)])));
    assert!(!read.settled(&with(&[("doc#a", 3), ("doc#b", 5)])));
}

#[test]
fn column_widths_measure_the_text_as_it_is_set() {
    with_ctx(|ctx| {
        // A tab is set as a space and a CR not at all, in widths as in lines.
        assert_eq!(
            text::content_widths(ctx, &run("情報\tシステム\r課")),
            text::content_widths(ctx, &run("情報 システム課"))
        );
    });
}
