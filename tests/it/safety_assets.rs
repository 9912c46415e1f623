//! Issue 10 items 4, 5 and 10: nothing is read through a link that leaves
//! content/, only images and PDFs travel with the bundle, and an image shows
//! in all three outputs (out/html, bcp.html, the PDFs).

use std::path::Path;
use std::process::Command;

use crate::harness::{fixtures, snapshot, Site, SITE};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures("safety-assets").join(name)).expect("fixture")
}

/// A plan chapter that shows or links to `body`, the reference on line 3.
fn chapter(site: &Site, body: &str) {
    site.write(
        "plan/02-figures.md",
        &format!("# 図 {{#figures}}\n\n{body}\n"),
    );
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// `pdfimages -list` rows: (width, height, x-ppi) of every image.
fn pdf_images(pdf: &Path) -> Vec<(u32, u32, u32)> {
    let o = Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .expect("pdfimages (poppler-utils) is installed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            // page num type width height color comp bpc enc interp object ID x-ppi ...
            (c.len() > 12 && c[2] == "image").then(|| {
                (
                    c[3].parse().unwrap(),
                    c[4].parse().unwrap(),
                    c[12].parse().unwrap(),
                )
            })
        })
        .collect()
}

fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A JPEG whose JFIF header states `dpi`.
fn jpeg(w: u32, h: u32, dpi: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80);
    enc.set_pixel_density(image::codecs::jpeg::PixelDensity::dpi(dpi));
    enc.encode_image(&img).unwrap();
    out
}

#[test]
fn a_symlink_out_of_content_to_a_folder_of_images_is_refused() {
    let site = Site::new();
    let outside = site.dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("ok.png"), fixture("ok.png")).unwrap();
    symlink(&outside, &site.content().join("assets"));
    chapter(&site, "![構成図](assets/ok.png)");
    for o in [site.check(&[]), site.build(&[])] {
        o.assert_refused(&[
            "content/assets",
            "シンボリックリンク",
            "コンテンツのフォルダの外",
            &outside.display().to_string(),
        ]);
    }
    assert!(!site.out().exists(), "nothing was built");
}

#[test]
fn symlinked_documents_and_site_yaml_outside_content_are_not_read() {
    let site = Site::new();
    let outside = site.dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    // A document and site.yaml whose text lives outside the content folder.
    std::fs::write(outside.join("site.yaml"), SITE).unwrap();
    std::fs::remove_file(site.content().join("site.yaml")).unwrap();
    symlink(
        &outside.join("site.yaml"),
        &site.content().join("site.yaml"),
    );
    std::fs::write(
        outside.join("secret.md"),
        "---\nid: secret\ntitle: 外の文書\nkind: guide\nrevisions:\n  - {version: 初版, date: 2026-01-01, approver: computer-manager, summary: x}\n---\n外の本文\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.content().join("guides")).unwrap();
    symlink(
        &outside.join("secret.md"),
        &site.content().join("guides/secret.md"),
    );
    let o = site.build(&[]);
    o.assert_refused(&[
        "content/site.yaml",
        "content/guides/secret.md",
        "シンボリックリンク",
    ]);
    assert!(!o.stderr.contains("site.yaml がありません"), "{}", o.stderr);
}

#[test]
fn links_inside_content_are_followed_once_and_loops_do_not_hang() {
    let site = Site::new();
    site.write_bytes("shared/figures/ok.png", &fixture("ok.png"));
    std::fs::create_dir_all(site.content().join("assets")).unwrap();
    // A link to a file elsewhere in content/ is fine; a link back up is
    // not walked round again.
    symlink(
        Path::new("../shared/figures/ok.png"),
        &site.content().join("assets/ok.png"),
    );
    std::fs::create_dir_all(site.content().join("guides")).unwrap();
    symlink(Path::new(".."), &site.content().join("guides/loop"));
    chapter(&site, "![構成図](assets/ok.png)");
    let o = site.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        std::fs::read(site.out().join("html/assets/ok.png")).unwrap(),
        fixture("ok.png")
    );
}

#[test]
fn a_linked_html_asset_is_refused_with_file_and_line() {
    let site = Site::new();
    site.write(
        "assets/doc.html",
        "<script>alert(1)</script><img src=https://example.com/x.png>",
    );
    chapter(&site, "[資料](assets/doc.html)を参照する。");
    for o in [site.check(&[]), site.build(&[])] {
        o.assert_refused(&[
            "content/plan/02-figures.md:3",
            "assets/doc.html",
            ".html",
            "PNG・JPEG の画像と PDF",
        ]);
    }
    assert!(!site.out().exists());
}

#[test]
fn svg_gif_and_disguised_files_are_refused_where_they_are_used() {
    let site = Site::new();
    site.write(
        "assets/logo.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
    );
    site.write("assets/fake.png", "<html><script>alert(1)</script></html>");
    site.write_bytes("assets/anim.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    site.write(
        "plan/02-figures.md",
        "# 図 {#figures}\n\n![ロゴ](assets/logo.svg)\n\n![偽物](assets/fake.png)\n\n![動画](assets/anim.gif)\n",
    );
    let o = site.check(&[]);
    o.assert_refused(&[
        "content/plan/02-figures.md:3",
        "SVG の画像は使えません",
        "content/plan/02-figures.md:5",
        "PNG の画像ではありません",
        "content/plan/02-figures.md:7",
        "GIF の画像は使えません",
    ]);
}

#[test]
fn an_image_past_the_size_limit_is_refused_by_check_and_build_from_its_header() {
    let site = Site::new();
    // A valid PNG header declaring 20000 × 20000 pixels over a tiny body:
    // refused from the header, never decoded (that would need 1.6 GB).
    let mut png = fixture("ok.png");
    png[16..20].copy_from_slice(&20000u32.to_be_bytes());
    png[20..24].copy_from_slice(&20000u32.to_be_bytes());
    // The IHDR chunk's CRC (over type and data) made right again.
    let mut crc = flate2::Crc::new();
    crc.update(&png[12..29]);
    png[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    site.write_bytes("assets/huge.png", &png);
    chapter(&site, "![巨大](assets/huge.png)");
    for o in [site.check(&[]), site.build(&[])] {
        o.assert_refused(&[
            "content/plan/02-figures.md:3",
            "20000×20000",
            "10000 ピクセル",
        ]);
    }
    // A damaged image (valid header, truncated data) is refused too.
    let mut broken = fixture("ok.png");
    broken.truncate(200);
    site.write_bytes("assets/huge.png", &broken);
    site.check(&[])
        .assert_refused(&["content/plan/02-figures.md:3", "画像を読めません"]);
    // And a missing one.
    chapter(&site, "![無い](assets/none.png)");
    site.check(&[])
        .assert_refused(&["content/plan/02-figures.md:3", "assets/ にありません"]);
}

#[test]
fn an_image_shows_in_all_three_outputs() {
    let site = Site::new();
    site.write_bytes("assets/ok.png", &fixture("ok.png"));
    site.write_bytes("assets/photo.jpg", &jpeg(600, 300, 300));
    site.write_bytes("assets/form.pdf", b"%PDF-1.4\n%%EOF\n");
    site.write(
        "plan/02-figures.md",
        "# 図 {#figures}\n\n![庁舎の配置](assets/ok.png \"図 庁舎の配置\")\n\n![写真](assets/photo.jpg)\n\n[様式](assets/form.pdf)を使う。\n",
    );
    let o = site.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = site.out();

    // out/html: an <img> whose src is a file beside the page.
    let page = std::fs::read_to_string(out.join("html/plan.html")).unwrap();
    assert!(page.contains("<img src=\"assets/ok.png\""), "{page}");
    assert!(page.contains("<figcaption>図 庁舎の配置</figcaption>"));
    assert!(page.contains("<img src=\"assets/photo.jpg\""));
    // 600 px at 300 dpi is 2 inches: 192 CSS px.
    assert!(page.contains("width=\"192\" height=\"96\""), "{page}");
    assert_eq!(
        std::fs::read(out.join("html/assets/ok.png")).unwrap(),
        fixture("ok.png")
    );
    assert!(page.contains("<a href=\"assets/form.pdf\">様式</a>"));
    assert!(out.join("html/assets/form.pdf").is_file());

    // bcp.html: the image inline, the PDF named as 別添, nothing pointing
    // at a folder the single file does not have.
    let single = std::fs::read_to_string(out.join("bcp.html")).unwrap();
    assert!(single.contains("<img src=\"data:image/png;base64,"));
    assert!(single.contains("<img src=\"data:image/jpeg;base64,"));
    assert!(single.contains("様式（別添：form.pdf）"));
    assert!(!single.contains("assets/"), "bcp.html points at assets/");

    // The PDFs: both images embedded at their size, in the document and
    // the binder; no placeholder text.
    for pdf in ["pdf/plan.pdf", "pdf/binder.pdf"] {
        let imgs = pdf_images(&out.join(pdf));
        assert!(imgs.contains(&(300, 150, 96)), "{pdf}: {imgs:?}");
        assert!(imgs.contains(&(600, 300, 300)), "{pdf}: {imgs:?}");
        let text = pdf_text(&out.join(pdf));
        assert!(!text.contains("［画像"), "{pdf}");
        assert!(text.contains("図 庁舎の配置") && text.contains("別添：form.pdf"));
    }

    // Byte-identical when built again.
    let first = snapshot(&out);
    let o = site.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(first == snapshot(&out), "a second build differs");
}

#[test]
fn a_wide_image_is_scaled_down_to_the_text_width_never_up() {
    let site = Site::new();
    let img = image::RgbImage::from_pixel(1600, 100, image::Rgb([40, 90, 160]));
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
    site.write_bytes("assets/wide.png", &png.into_inner());
    site.write_bytes("assets/ok.png", &fixture("ok.png"));
    chapter(&site, "![横長](assets/wide.png)\n\n![小](assets/ok.png)");
    let o = site.build(&["--format", "pdf"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let imgs = pdf_images(&site.out().join("pdf/plan.pdf"));
    // 1600 px at 96 dpi is 1200 pt, wider than the text: drawn narrower,
    // so more pixels per inch; the small one stays at its 96 dpi.
    let wide = imgs.iter().find(|i| i.0 == 1600).expect("wide image");
    assert!(wide.2 > 200, "{imgs:?}");
    assert!(imgs.contains(&(300, 150, 96)), "{imgs:?}");
}

#[test]
fn replacing_an_image_changes_the_fingerprint_of_the_document_that_shows_it() {
    let site = Site::new();
    site.write_bytes("assets/ok.png", &fixture("ok.png"));
    chapter(&site, "![構成図](assets/ok.png)");
    let plan_sha = |site: &Site| {
        let o = site.build(&["--format", "html"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let m: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(site.out().join("manifest.json")).unwrap(),
        )
        .unwrap();
        m["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == "plan")
            .unwrap()["sha256"]
            .clone()
    };
    let before = plan_sha(&site);
    let mut other = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(300, 150, image::Rgb([0, 0, 0]))
        .write_to(&mut other, image::ImageFormat::Png)
        .unwrap();
    site.write_bytes("assets/ok.png", &other.into_inner());
    assert_ne!(before, plan_sha(&site));
}
