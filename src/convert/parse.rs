//! The event walk: pulldown-cmark events → draft blocks and inlines.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, OffsetIter, Parser, Tag, TagEnd};

use super::draft::{Draft, DraftCell, DraftImage, DraftInline};
use super::headings::options;
use super::join::SOFT_BREAK;
use super::Converter;
use crate::diag::Diagnostic;
use crate::limits::MAX_MARKDOWN_DEPTH;
use crate::model::{Block, Inline};

/// Converts one Markdown text (a file's body, or a table cell) to draft
/// blocks. `first_line` is the file line on which `text` starts.
pub fn parse_body(text: &str, file: &str, first_line: usize, cv: &mut Converter) -> Vec<Draft> {
    P::new(text, file, first_line, cv).blocks(None)
}

pub(super) struct P<'t, 's> {
    events: Peekable<OffsetIter<'t, pulldown_cmark::DefaultBrokenLinkCallback>>,
    pub(super) file: &'t str,
    first_line: usize,
    /// Byte offsets of the text's line breaks: a line number is a binary
    /// search, not a scan from the start (which made long documents quadratic).
    newlines: Vec<usize>,
    pub(super) st: &'s mut Converter,
    /// Images met inside the inlines being read, at any depth (in a link, in
    /// emphasis): they become blocks after the paragraph, cell or item.
    images: Vec<DraftImage>,
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

impl<'t, 's> P<'t, 's> {
    fn new(text: &'t str, file: &'t str, first_line: usize, st: &'s mut Converter) -> Self {
        P {
            events: Parser::new_ext(text, options())
                .into_offset_iter()
                .peekable(),
            file,
            first_line,
            newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
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
        let d = Diagnostic::error_at(self.file, line, message, field, value);
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
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Draft> {
        self.st.depth += 1;
        let out = self.blocks_at_depth(end);
        self.st.depth -= 1;
        out
    }

    fn blocks_at_depth(&mut self, end: Option<TagEnd>) -> Vec<Draft> {
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
                out.push(Draft::Paragraph(inlines));
                out.extend(self.images.drain(..).map(Draft::Image));
                continue;
            }
            let (ev, range) = self.events.next().expect("peeked");
            self.block(ev, range, &mut out);
        }
        out
    }

    fn inlines_until_block(&mut self) -> Vec<DraftInline> {
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
    fn inlines(&mut self, end: TagEnd) -> Vec<DraftInline> {
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

    fn block(&mut self, ev: Event<'t>, range: Range<usize>, out: &mut Vec<Draft>) {
        if matches!(ev, Event::Start(_)) && self.too_deep(&range) {
            return;
        }
        let line = self.line_of(&range);
        match ev {
            Event::Start(Tag::Paragraph) => {
                let inlines = self.inlines(TagEnd::Paragraph);
                out.push(Draft::Paragraph(inlines));
                out.extend(self.images.drain(..).map(Draft::Image));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let text = self.inlines(TagEnd::Heading(level));
                let images = std::mem::take(&mut self.images);
                let info = self.st.headings.get(self.st.next_heading).cloned();
                self.st.next_heading += 1;
                match info {
                    Some(info) => out.push(Draft::Heading {
                        level: info.level,
                        number: info.number,
                        anchor: info.anchor,
                        text,
                        images,
                    }),
                    None => {
                        self.error(line, "見出しを読み取れません");
                    }
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                let inner = self.blocks(Some(TagEnd::BlockQuote(None)));
                out.push(Draft::Quote(inner));
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
                out.push(Draft::List {
                    ordered,
                    start: start.unwrap_or(1),
                    items,
                });
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
                    out.push(Draft::Ready(Block::Code(code)));
                }
            }
            Event::Start(Tag::Table(_)) => out.push(self.table()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let blocks = self.blocks(Some(TagEnd::FootnoteDefinition));
                out.push(Draft::Footnote {
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
            Event::Rule => out.push(Draft::Ready(Block::Rule)),
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
    fn raw_html(&mut self, html: &str, line: usize, out: &mut Vec<Draft>) {
        if html.trim().is_empty() {
            return;
        }
        if self.st.allow_raw_html {
            out.push(Draft::Ready(Block::Paragraph(vec![Inline::Text(
                html.trim().to_string(),
            )])));
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

    fn table(&mut self) -> Draft {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut row = Vec::new();
        while let Some((ev, _)) = self.events.next() {
            match ev {
                Event::Start(Tag::TableHead) => row = Vec::new(),
                Event::End(TagEnd::TableHead) => header.push(std::mem::take(&mut row)),
                Event::Start(Tag::TableRow) => row = Vec::new(),
                Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                Event::Start(Tag::TableCell) => {
                    let inlines = self.inlines(TagEnd::TableCell);
                    let images = std::mem::take(&mut self.images);
                    row.push(DraftCell { inlines, images });
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        Draft::Table { header, rows }
    }

    fn inline(&mut self, ev: Event<'t>, range: Range<usize>, out: &mut Vec<DraftInline>) {
        if matches!(ev, Event::Start(_)) && self.too_deep(&range) {
            return;
        }
        match ev {
            Event::Text(t) => out.push(DraftInline::Ready(Inline::Text(t.to_string()))),
            Event::Code(t) => out.push(DraftInline::Ready(Inline::Code(t.to_string()))),
            Event::SoftBreak => out.push(DraftInline::Ready(Inline::Text(SOFT_BREAK.to_string()))),
            Event::HardBreak => out.push(DraftInline::Ready(Inline::HardBreak)),
            Event::FootnoteReference(l) => {
                out.push(DraftInline::Ready(Inline::FootnoteRef(l.to_string())))
            }
            Event::InlineHtml(h) => {
                let line = self.line_of(&range);
                if self.st.allow_raw_html {
                    out.push(DraftInline::Ready(Inline::Text(h.to_string())));
                } else {
                    self.error_at(line, "Markdown 中の生の HTML は使えません（site.yaml の allow_raw_html が false）", None, Some(&h));
                }
            }
            Event::Start(Tag::Emphasis) => {
                let c = self.inlines(TagEnd::Emphasis);
                out.push(DraftInline::Emphasis(c));
            }
            Event::Start(Tag::Strong) => {
                let c = self.inlines(TagEnd::Strong);
                out.push(DraftInline::Strong(c));
            }
            Event::Start(Tag::Strikethrough) => {
                let c = self.inlines(TagEnd::Strikethrough);
                out.push(DraftInline::Strike(c));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let line = self.line_of(&range);
                let content = self.inlines(TagEnd::Link);
                out.push(DraftInline::Link {
                    dest: dest_url.to_string(),
                    content,
                    line,
                });
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let line = self.line_of(&range);
                let alt = self.inlines(TagEnd::Image);
                let caption = Some(title.trim().to_string()).filter(|t| !t.is_empty());
                self.images.push(DraftImage {
                    dest: dest_url.to_string(),
                    alt,
                    caption,
                    line,
                });
            }
            Event::Start(other) => {
                let c = self.inlines(other.to_end());
                out.extend(c);
            }
            _ => {}
        }
    }
}
