//! The PDF/A-2a half of the writer: PDF 1.7, the Info dictionary and an
//! XMP packet that agree, an sRGB OutputIntent, and the catalog keys a
//! tagged, accessible Japanese document carries (/Lang, /MarkInfo is set
//! by `tagging`, /ViewerPreferences). printpdf's own conformance setting
//! is not used: it writes a CMYK (FOGRA39) profile and PDF/X keys.

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::writer::{utf16, Meta};

/// The sRGB profile every PDF names as its output intent (DeviceRGB is
/// read as sRGB). From Debian's icc-profiles-free, zlib licence: see
/// `themes/default/color/LICENSE-sRGB.txt`. Built in, never read from the
/// system at build time.
const SRGB: &[u8] = include_bytes!("../../../themes/default/color/sRGB.icc");

/// The PDF version written.
pub const VERSION: &str = "1.7";

/// Date parts (UTC) of the build date.
struct Stamp {
    y: i32,
    mo: u8,
    d: u8,
    h: u8,
    mi: u8,
    s: u8,
}

/// UTC calendar date and time of seconds since the epoch.
fn stamp(unix: i64) -> Stamp {
    let secs = unix.rem_euclid(86_400);
    let date = crate::model::Date::from_unix_seconds(unix);
    Stamp {
        y: date.map_or(1970, |d| d.year()),
        mo: date.map_or(1, |d| d.month()),
        d: date.map_or(1, |d| d.day()),
        h: (secs / 3_600) as u8,
        mi: (secs % 3_600 / 60) as u8,
        s: (secs % 60) as u8,
    }
}

/// `D:YYYYMMDDHHmmSS+00'00'` (Info dictionary).
fn pdf_date(t: &Stamp) -> String {
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
        t.y, t.mo, t.d, t.h, t.mi, t.s
    )
}

/// `YYYY-MM-DDTHH:mm:SS+00:00` (XMP), the same instant as `pdf_date`.
fn xmp_date(t: &Stamp) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        t.y, t.mo, t.d, t.h, t.mi, t.s
    )
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            // XML 1.0 has no place for other control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

/// The XMP packet: PDF/A-2a identification and the same title, author,
/// tool, producer and dates as the Info dictionary.
pub fn xmp(meta: &Meta, producer: &str) -> String {
    let t = stamp(meta.date_unix);
    let date = xmp_date(&t);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>ja</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>bcpgen</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdf:Producer>{producer}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{FEFF}',
        title = xml_escape(&meta.title),
        author = xml_escape(&meta.author),
        producer = xml_escape(producer),
    )
}

/// Makes the document PDF/A-2a apart from its structure tree (written by
/// `tagging`): version, Info, XMP, OutputIntent, /Lang, /ViewerPreferences.
pub fn finish(lo: &mut lopdf::Document, meta: &Meta, producer: &str) {
    lo.version = VERSION.to_string();
    let t = stamp(meta.date_unix);
    let date = Object::String(pdf_date(&t).into_bytes(), StringFormat::Literal);
    let mut info = Dictionary::new();
    info.set("Title", utf16(&meta.title));
    info.set("Author", utf16(&meta.author));
    info.set("Creator", utf16("bcpgen"));
    info.set("Producer", utf16(producer));
    info.set("CreationDate", date.clone());
    info.set("ModDate", date);
    // printpdf's Info (which also claims PDF/X) is replaced in place.
    match lo.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            lo.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = lo.add_object(info);
            lo.trailer.set("Info", Object::Reference(id));
        }
    }

    // Never deflated: PDF/A wants the packet readable by any tool.
    let mut xd = Dictionary::new();
    xd.set("Type", Object::Name(b"Metadata".to_vec()));
    xd.set("Subtype", Object::Name(b"XML".to_vec()));
    let mut xs = Stream::new(xd, xmp(meta, producer).into_bytes());
    xs.allows_compression = false;
    let xmp_id = lo.add_object(xs);

    let mut pd = Dictionary::new();
    pd.set("N", Object::Integer(3));
    let icc_id = lo.add_object(Stream::new(pd, SRGB.to_vec()));
    let mut oi = Dictionary::new();
    oi.set("Type", Object::Name(b"OutputIntent".to_vec()));
    oi.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    oi.set(
        "OutputConditionIdentifier",
        Object::string_literal("sRGB IEC61966-2.1"),
    );
    oi.set("Info", Object::string_literal("sRGB IEC61966-2.1"));
    oi.set("DestOutputProfile", Object::Reference(icc_id));

    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Metadata", Object::Reference(xmp_id));
        catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(oi)]));
        catalog.set("Lang", Object::string_literal("ja"));
        let mut vp = Dictionary::new();
        vp.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", vp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dates_name_the_same_instant() {
        let t = stamp(1_795_651_200); // 2026-11-26 00:00:00 UTC
        assert_eq!(pdf_date(&t), "D:20261126000000+00'00'");
        assert_eq!(xmp_date(&t), "2026-11-26T00:00:00+00:00");
    }

    #[test]
    fn markup_in_a_title_stays_text() {
        assert_eq!(
            xml_escape("A&B <c> \"d\"\u{1}"),
            "A&amp;B &lt;c&gt; &quot;d&quot;"
        );
    }
}
