//! Draft blocks → model blocks: every pending part of a draft filled from
//! the site through [`Context`], whose accessors record what was read.

use std::collections::{BTreeSet, HashSet};

use super::{Context, Reference};
use crate::convert::draft::{Draft, DraftCell, DraftImage, DraftInline};
use crate::convert::{join, Converter};
use crate::diag::Diagnostic;
use crate::model::{AssetKind, Block, Cell, Heading, Inline, Link, LinkTarget, List, Row, Table};
use crate::source::fingerprint::Deps;

/// What resolving one document carries from one block to the next.
#[derive(Default)]
pub struct DocState {
    /// The document's id.
    pub id: String,
    /// The document's current version (it keys embedded data's storage).
    pub version: String,
    /// Terms already marked in this document.
    pub glossary_used: HashSet<usize>,
    /// Embeds placed so far, numbering their storage keys.
    pub embed_count: usize,
    /// Figures placed so far, numbering their keys.
    pub figure_count: usize,
    /// Every fact the content drew from elsewhere, with the value read
    /// (recorded by `Context`'s accessors; the fingerprint is computed from it).
    pub deps: Deps,
    /// Files under `assets/` the text shows or links to (content-relative).
    pub assets: BTreeSet<String>,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
}

/// The resolver of one text of a document.
pub struct R<'a> {
    /// The file the text came from, as messages name it.
    pub(super) file: &'a str,
    /// The site's facts.
    pub(super) ctx: &'a Context<'a>,
    /// The document's state.
    pub(super) st: &'a mut DocState,
    /// Markdown nesting depth where the text being resolved sits (text inside
    /// an embed is converted at this depth, so nesting stays bounded).
    pub(super) depth: usize,
}

/// Resolves the drafts of one text of a document.
pub fn resolve_blocks(
    drafts: Vec<Draft>,
    file: &str,
    ctx: &Context,
    st: &mut DocState,
) -> Vec<Block> {
    R {
        file,
        ctx,
        st,
        depth: 0,
    }
    .blocks(drafts)
}

impl R<'_> {
    pub(super) fn error_at(
        &mut self,
        line: usize,
        message: impl Into<String>,
        field: Option<&str>,
        value: Option<&str>,
    ) {
        let d = Diagnostic::error_at(self.file, line, message, field, value);
        self.st.diags.push(d);
    }

    /// Converts Markdown written inside data (a table cell, a step's text)
    /// and resolves it: such text nests one level below the embed.
    pub(super) fn markdown_blocks(&mut self, s: &str, line: Option<usize>) -> Vec<Block> {
        let mut cv = Converter {
            depth: self.depth,
            allow_raw_html: self.ctx.allow_raw_html(),
            ..Converter::default()
        };
        let drafts = crate::convert::parse_body(s, self.file, line.unwrap_or(1), &mut cv);
        self.st.diags.append(&mut cv.diags);
        self.blocks(drafts)
    }

    /// Every draft of a text, in reading order.
    pub(super) fn blocks(&mut self, drafts: Vec<Draft>) -> Vec<Block> {
        let mut out = Vec::with_capacity(drafts.len());
        for d in drafts {
            self.block(d, &mut out);
        }
        out
    }

    fn block(&mut self, d: Draft, out: &mut Vec<Block>) {
        match d {
            Draft::Ready(b) => out.push(b),
            Draft::Paragraph(inlines) => {
                let inlines = self.text(inlines, true);
                if !inlines.is_empty() {
                    out.push(Block::Paragraph(inlines));
                }
            }
            Draft::Heading {
                level,
                number,
                anchor,
                text,
                images,
            } => {
                let text = self.text(text, false);
                // Checked as everywhere, but a heading shows no image.
                for image in images {
                    self.image(image);
                }
                out.push(Block::Heading(Heading {
                    level,
                    number,
                    text,
                    anchor,
                }));
            }
            Draft::Quote(inner) => {
                let inner = self.blocks(inner);
                out.push(Block::Quote(inner));
            }
            Draft::List {
                ordered,
                start,
                items,
            } => {
                let items = items.into_iter().map(|i| self.blocks(i)).collect();
                out.push(Block::List(List {
                    ordered,
                    start,
                    items,
                }));
            }
            Draft::Table { header, rows } => {
                let header = self.rows(header, false);
                let rows = self.rows(rows, true);
                out.push(Block::Table(Table {
                    caption: None,
                    header,
                    rows,
                    widths: None,
                }));
            }
            Draft::Footnote { label, blocks } => {
                let blocks = self.blocks(blocks);
                out.push(Block::Footnote { label, blocks });
            }
            Draft::Image(image) => out.extend(self.image(image)),
            Draft::Embed(e) => {
                let outer = self.depth;
                self.depth = e.depth;
                out.extend(self.embed(e));
                self.depth = outer;
            }
            Draft::Data(d) => out.extend(self.data_document(d)),
        }
    }

    fn rows(&mut self, rows: Vec<Vec<DraftCell>>, body_text: bool) -> Vec<Row> {
        rows.into_iter()
            .map(|cells| Row {
                cells: cells
                    .into_iter()
                    .map(|c| {
                        let inlines = self.text(c.inlines, body_text);
                        let mut blocks = if inlines.is_empty() {
                            vec![]
                        } else {
                            vec![Block::Paragraph(inlines)]
                        };
                        blocks.extend(c.images.into_iter().filter_map(|i| self.image(i)));
                        Cell::blocks(blocks)
                    })
                    .collect(),
            })
            .collect()
    }

    /// A run of text: resolved, soft breaks joined, and in body text the
    /// glossary's terms marked.
    fn text(&mut self, inlines: Vec<DraftInline>, body_text: bool) -> Vec<Inline> {
        let inlines = join::normalize(self.inlines(inlines));
        if body_text {
            self.ctx
                .mark_glossary(inlines, &mut self.st.glossary_used, &mut self.st.deps)
        } else {
            inlines
        }
    }

    fn inlines(&mut self, drafts: Vec<DraftInline>) -> Vec<Inline> {
        drafts.into_iter().map(|d| self.inline(d)).collect()
    }

    fn inline(&mut self, d: DraftInline) -> Inline {
        match d {
            DraftInline::Ready(i) => i,
            DraftInline::Strong(c) => Inline::Strong(self.inlines(c)),
            DraftInline::Emphasis(c) => Inline::Emphasis(self.inlines(c)),
            DraftInline::Strike(c) => Inline::Strike(self.inlines(c)),
            DraftInline::Link {
                dest,
                content,
                line,
            } => {
                let content = join::normalize(self.inlines(content));
                self.link(&dest, content, line)
            }
        }
    }

    /// An image, when its file is one a page can show.
    fn image(&mut self, image: DraftImage) -> Option<Block> {
        let alt = crate::model::plain_text(&self.inlines(image.alt));
        let src = self.asset_path(&image.dest, image.line, true)?;
        Some(Block::Image {
            src,
            alt,
            caption: image.caption,
        })
    }

    /// A file under the content folder's assets that a bundle may carry
    /// (an image to show when `image`, else an image or PDF to link), or an
    /// error at the referring line.
    fn asset_path(&mut self, dest: &str, line: usize, image: bool) -> Option<String> {
        let clean = dest.trim_start_matches("./");
        if dest.starts_with('/') || dest.contains("..") || dest.contains(':') {
            self.error_at(
                line,
                "コンテンツのフォルダの外を指す参照は使えません",
                None,
                Some(dest),
            );
            return None;
        }
        let Some(file) = self.ctx.asset(clean, image, &mut self.st.deps) else {
            self.error_at(
                line,
                "参照しているファイルが assets/ にありません",
                None,
                Some(dest),
            );
            return None;
        };
        let shown = match file.load() {
            // The problem is the file's; it is shown at the line that uses it.
            Err(why) => Err(why.message.clone()),
            Ok(a) if image && !matches!(a.kind, AssetKind::Image { .. }) => Err(
                "画像として表示できるのは PNG と JPEG です（PDF は [文字](assets/…) のリンクにしてください）"
                    .to_string(),
            ),
            Ok(_) => Ok(()),
        };
        if let Err(why) = shown {
            self.error_at(line, why, None, Some(dest));
            return None;
        }
        self.st.assets.insert(clean.to_string());
        Some(clean.to_string())
    }

    /// Resolves `@id`, `@id#anchor`, `#anchor`, URLs and asset links.
    fn link(&mut self, dest: &str, content: Vec<Inline>, line: usize) -> Inline {
        let external = ["http://", "https://", "mailto:", "tel:"];
        if external.iter().any(|p| dest.starts_with(p)) {
            return Inline::Link(Link {
                target: LinkTarget::External(dest.to_string()),
                content,
            });
        }
        let (doc, anchor) = if let Some(rest) = dest.strip_prefix('@') {
            match rest.split_once('#') {
                Some((d, a)) => (d.to_string(), Some(a.to_string())),
                None => (rest.to_string(), None),
            }
        } else if let Some(a) = dest.strip_prefix('#') {
            (self.st.id.clone(), Some(a.to_string()))
        } else {
            return match self.asset_path(dest, line, false) {
                Some(p) => Inline::Link(Link {
                    target: LinkTarget::Asset(p),
                    content,
                }),
                None => Inline::Text(crate::model::plain_text(&content)),
            };
        };
        let reference = self.ctx.reference(
            &doc,
            anchor.as_deref(),
            content.is_empty(),
            &mut self.st.deps,
        );
        let (label, included) = match reference {
            // The PDF names the document of a section elsewhere (see
            // render::pdf::layout::reference), so its title is printed too.
            Reference::Found { label, included } if anchor.is_some() && doc != self.st.id => {
                self.ctx.reference(&doc, None, true, &mut self.st.deps);
                (label, included)
            }
            Reference::Found { label, included } => (label, included),
            Reference::Missing => {
                if !self.ctx.unreadable(&doc) {
                    self.error_at(line, "参照先の文書がありません", Some("link"), Some(dest));
                }
                return Inline::Text(crate::model::plain_text(&content));
            }
            Reference::NoHeading => {
                self.error_at(
                    line,
                    format!("参照先の見出しが文書「{doc}」にありません"),
                    Some("link"),
                    Some(dest),
                );
                return Inline::Text(crate::model::plain_text(&content));
            }
        };
        if !included {
            let text = if content.is_empty() {
                vec![Inline::Text("（本版に含まれない資料）".into())]
            } else {
                content
            };
            return Inline::Link(Link {
                target: LinkTarget::Excluded,
                content: text,
            });
        }
        let content = if content.is_empty() {
            vec![Inline::Text(label)]
        } else {
            content
        };
        Inline::Link(Link {
            target: LinkTarget::Internal {
                doc,
                heading: anchor.is_some(),
                anchor,
            },
            content,
        })
    }
}
