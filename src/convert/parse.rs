//! The event walk: pulldown-cmark events → blocks and inlines.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, OffsetIter, Parser, Tag, TagEnd};

use super::headings::options;
use super::join::{self, SOFT_BREAK};
use super::DocState;
use crate::diag::Diagnostic;
use crate::limits::MAX_MARKDOWN_DEPTH;
use crate::model::{AssetKind, Block, Cell, Heading, Inline, Link, LinkTarget, List, Row, Table};
use crate::resolve::Context;
use crate::resolve::Reference;

/// Converts one Markdown text (a file's body, or a table cell) to blocks.
/// `first_line` is the file line on which `text` starts.
pub fn parse_body(
    text: &str,
    file: &str,
    first_line: usize,
    ctx: &Context,
    st: &mut DocState,
) -> Vec<Block> {
    P::new(text, file, first_line, ctx, st).blocks(None)
}

pub(super) struct P<'t, 'c, 's> {
    events: Peekable<OffsetIter<'t, pulldown_cmark::DefaultBrokenLinkCallback>>,
    pub(super) file: &'t str,
    first_line: usize,
    /// Byte offsets of the text's line breaks: a line number is a binary
    /// search, not a scan from the start (which made long documents quadratic).
    newlines: Vec<usize>,
    pub(super) ctx: &'c Context<'c>,
    pub(super) st: &'s mut DocState,
    /// Images met inside the inlines being read, at any depth (in a link, in
    /// emphasis): they become blocks after the paragraph, cell or item.
    images: Vec<Block>,
}

fn is_inline_start(ev: &Event) -> bool {
    match ev {
        Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::InlineMath(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        _ => false,
    }
}

impl<'t, 'c, 's> P<'t, 'c, 's> {
    pub(super) fn new(
        text: &'t str,
        file: &'t str,
        first_line: usize,
        ctx: &'c Context<'c>,
        st: &'s mut DocState,
    ) -> Self {
        P {
            events: Parser::new_ext(text, options())
                .into_offset_iter()
                .peekable(),
            file,
            first_line,
            newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
            ctx,
            st,
            images: Vec::new(),
        }
    }

    pub(super) fn line_of(&self, range: &Range<usize>) -> usize {
        self.first_line + self.newlines.partition_point(|&p| p < range.start)
    }

    pub(super) fn error(&mut self, line: usize, message: impl Into<String>) {
        self.error_at(line, message, None, None);
    }

    pub(super) fn error_at(
        &mut self,
        line: usize,
        message: impl Into<String>,
        field: Option<&str>,
        value: Option<&str>,
    ) {
        let mut d = Diagnostic::error(self.file, message).at(Some(line));
        d.field = field.map(str::to_string);
        d.value = value.map(str::to_string);
        self.st.diags.push(d);
    }

    /// When one more level would pass `MAX_MARKDOWN_DEPTH`: reports the
    /// element whose start tag was just read and skips it to its end tag
    /// (iteratively: pulldown-cmark's events nest, its parser does not recurse).
    fn too_deep(&mut self, range: &Range<usize>) -> bool {
        if self.st.depth < MAX_MARKDOWN_DEPTH {
            return false;
        }
        let line = self.line_of(range);
        self.error(
            line,
            format!(
                "Markdown の入れ子（引用・リスト・強調・リンク・表のセルの中の bcp ブロック）が深すぎます（{MAX_MARKDOWN_DEPTH} 段まで）"
            ),
        );
        let mut open = 1usize;
        while open > 0 {
            match self.events.next() {
                Some((Event::Start(_), _)) => open += 1,
                Some((Event::End(_), _)) => open -= 1,
                Some(_) => {}
                None => break,
            }
        }
        true
    }

    /// Blocks until the end tag `end` (or the end of input).
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        self.st.depth += 1;
        let out = self.blocks_at_depth(end);
        self.st.depth -= 1;
        out
    }

    fn blocks_at_depth(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some((ev, _)) = self.events.peek() {
            if let (Event::End(e), Some(end)) = (ev, end) {
                if *e == end {
                    self.events.next();
                    break;
                }
            }
            if is_inline_start(ev) {
                // Tight list items hold inlines directly: wrap them.
                let inlines = self.inlines_until_block();
                let mut images = Vec::new();
                let inlines = self.finish_inlines(inlines, true, &mut images);
                if !inlines.is_empty() {
                    out.push(Block::Paragraph(inlines));
                }
                out.extend(images);
                continue;
            }
            let (ev, range) = self.events.next().expect("peeked");
            self.block(ev, range, &mut out);
        }
        out
    }

    fn inlines_until_block(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some((ev, _)) = self.events.peek() {
            if !is_inline_start(ev) {
                break;
            }
            let (ev, range) = self.events.next().expect("peeked");
            self.inline(ev, range, &mut out);
        }
        out
    }

    /// Inlines until the end tag `end`.
    fn inlines(&mut self, end: TagEnd) -> Vec<Inline> {
        self.st.depth += 1;
        let mut out = Vec::new();
        while let Some((ev, range)) = self.events.next() {
            if ev == Event::End(end) {
                break;
            }
            self.inline(ev, range, &mut out);
        }
        self.st.depth -= 1;
        out
    }

    /// Soft breaks resolved, glossary marked (body text only), images pulled out.
    fn finish_inlines(
        &mut self,
        inlines: Vec<Inline>,
        body_text: bool,
        images: &mut Vec<Block>,
    ) -> Vec<Inline> {
        images.append(&mut self.images);
        let inlines = join::normalize(inlines);
        if body_text {
            self.ctx
                .mark_glossary(inlines, &mut self.st.glossary_used, &mut self.st.deps)
        } else {
            inlines
        }
    }

    fn block(&mut self, ev: Event<'t>, range: Range<usize>, out: &mut Vec<Block>) {
        if matches!(ev, Event::Start(_)) && self.too_deep(&range) {
            return;
        }
        let line = self.line_of(&range);
        match ev {
            Event::Start(Tag::Paragraph) => {
                let inlines = self.inlines(TagEnd::Paragraph);
                let mut images = Vec::new();
                let inlines = self.finish_inlines(inlines, true, &mut images);
                if !inlines.is_empty() {
                    out.push(Block::Paragraph(inlines));
                }
                out.extend(images);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let inlines = self.inlines(TagEnd::Heading(level));
                let mut images = Vec::new();
                let text = self.finish_inlines(inlines, false, &mut images);
                let info = self.st.headings.get(self.st.next_heading).cloned();
                self.st.next_heading += 1;
                match info {
                    Some(info) => out.push(Block::Heading(Heading {
                        level: info.level,
                        number: info.number,
                        text,
                        anchor: info.anchor,
                    })),
                    None => {
                        self.error(line, "見出しを読み取れません");
                    }
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                let inner = self.blocks(Some(TagEnd::BlockQuote(None)));
                out.push(Block::Quote(inner));
            }
            Event::Start(Tag::List(start)) => {
                let ordered = start.is_some();
                let mut items = Vec::new();
                while let Some((ev, _)) = self.events.next() {
                    match ev {
                        Event::Start(Tag::Item) => items.push(self.blocks(Some(TagEnd::Item))),
                        Event::End(TagEnd::List(_)) => break,
                        _ => {}
                    }
                }
                out.push(Block::List(List {
                    ordered,
                    start: start.unwrap_or(1),
                    items,
                }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match &kind {
                    CodeBlockKind::Fenced(i) => i.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (ev, _) in self.events.by_ref() {
                    match ev {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                if info == "bcp" {
                    // The YAML starts on the line after the fence.
                    out.extend(self.embed(&code, line + 1));
                } else {
                    out.push(Block::Code(code));
                }
            }
            Event::Start(Tag::Table(_)) => out.push(self.table()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let blocks = self.blocks(Some(TagEnd::FootnoteDefinition));
                out.push(Block::Footnote {
                    label: label.to_string(),
                    blocks,
                });
            }
            Event::Start(Tag::HtmlBlock) => {
                let mut html = String::new();
                for (ev, _) in self.events.by_ref() {
                    match ev {
                        Event::Html(t) | Event::Text(t) => html.push_str(&t),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                self.raw_html(&html, line, out);
            }
            Event::Html(html) => self.raw_html(&html, line, out),
            Event::Rule => out.push(Block::Rule),
            Event::Start(other) => {
                // Anything not enabled in the options: keep its text.
                let end = other.to_end();
                let inner = self.blocks(Some(end));
                out.extend(inner);
            }
            _ => {}
        }
    }

    /// Raw HTML is refused unless site.yaml allows it; when allowed it is
    /// kept as literal text (bcpgen never passes markup through, so the
    /// offline bundle stays free of scripts and remote loads).
    fn raw_html(&mut self, html: &str, line: usize, out: &mut Vec<Block>) {
        if html.trim().is_empty() {
            return;
        }
        if self.ctx.allow_raw_html() {
            out.push(Block::Paragraph(vec![Inline::Text(
                html.trim().to_string(),
            )]));
        } else {
            let shown: String = html.trim().chars().take(40).collect();
            self.error_at(
                line,
                "Markdown 中の生の HTML は使えません（site.yaml の allow_raw_html が false）",
                None,
                Some(&shown),
            );
        }
    }

    fn table(&mut self) -> Block {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut in_head = false;
        let mut row = Row::default();
        while let Some((ev, _)) = self.events.next() {
            match ev {
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    row = Row::default();
                }
                Event::End(TagEnd::TableHead) => {
                    in_head = false;
                    header.push(std::mem::take(&mut row));
                }
                Event::Start(Tag::TableRow) => row = Row::default(),
                Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                Event::Start(Tag::TableCell) => {
                    let inlines = self.inlines(TagEnd::TableCell);
                    let mut images = Vec::new();
                    let inlines = self.finish_inlines(inlines, !in_head, &mut images);
                    let mut blocks = if inlines.is_empty() {
                        vec![]
                    } else {
                        vec![Block::Paragraph(inlines)]
                    };
                    blocks.extend(images);
                    row.cells.push(Cell::blocks(blocks));
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        Block::Table(Table {
            caption: None,
            header,
            rows,
            widths: None,
        })
    }

    fn inline(&mut self, ev: Event<'t>, range: Range<usize>, out: &mut Vec<Inline>) {
        if matches!(ev, Event::Start(_)) && self.too_deep(&range) {
            return;
        }
        match ev {
            Event::Text(t) => out.push(Inline::Text(t.to_string())),
            Event::Code(t) => out.push(Inline::Code(t.to_string())),
            Event::SoftBreak => out.push(Inline::Text(SOFT_BREAK.to_string())),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::FootnoteReference(l) => out.push(Inline::FootnoteRef(l.to_string())),
            Event::InlineHtml(h) => {
                let line = self.line_of(&range);
                if self.ctx.allow_raw_html() {
                    out.push(Inline::Text(h.to_string()));
                } else {
                    self.error_at(line, "Markdown 中の生の HTML は使えません（site.yaml の allow_raw_html が false）", None, Some(&h));
                }
            }
            Event::Start(Tag::Emphasis) => {
                let c = self.inlines(TagEnd::Emphasis);
                out.push(Inline::Emphasis(c));
            }
            Event::Start(Tag::Strong) => {
                let c = self.inlines(TagEnd::Strong);
                out.push(Inline::Strong(c));
            }
            Event::Start(Tag::Strikethrough) => {
                let c = self.inlines(TagEnd::Strikethrough);
                out.push(Inline::Strike(c));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let line = self.line_of(&range);
                let content = join::normalize(self.inlines(TagEnd::Link));
                out.push(self.link(&dest_url, content, line));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let line = self.line_of(&range);
                let alt = crate::model::plain_text(&self.inlines(TagEnd::Image));
                if let Some(src) = self.asset_path(&dest_url, line, true) {
                    let caption = Some(title.trim().to_string()).filter(|t| !t.is_empty());
                    self.images.push(Block::Image { src, alt, caption });
                }
            }
            Event::Start(other) => {
                let c = self.inlines(other.to_end());
                out.extend(c);
            }
            _ => {}
        }
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
    pub(super) fn link(&mut self, dest: &str, content: Vec<Inline>, line: usize) -> Inline {
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
