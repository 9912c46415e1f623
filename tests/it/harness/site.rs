//! A small valid site written into a temporary folder.

use std::path::PathBuf;

use super::capped::{self, Capped};
use super::run::{run_in, Output, DATE};

/// `site.yaml` of the generated site.
pub const SITE: &str = "organization:
  name: テスト市
  department: 総務部情報政策課
  address: テスト市本町1-1
  phone: 000-0000-0000
title: テスト市ICT部門業務継続計画
dates: wareki
numbering: [\"1\", \"(1)\", \"ア\", \"(ア)\"]
review_interval_months: 12
approval:
  plan: it-director
  manual: computer-manager
  list: computer-manager
  procedure: computer-manager
  diagram: computer-manager
  form: computer-manager
  guide: computer-manager
";

/// `organization.yaml`: a director, a manager and the manager's deputy.
pub const ORG: &str = "roles:
  - id: it-director
    name: 情報システム統括責任者
    holder: 情報政策担当部長
  - id: computer-manager
    name: 電算機管理者
    holder: 情報政策課長
    deputies: [deputy-1]
  - id: deputy-1
    name: 代行者1
    holder: 情報政策課係長
modes:
  normal:
    title: 平常時の体制
    units:
      - { role: it-director, duties: [計画の承認], hq_relation: 本部員 }
      - { role: computer-manager, duties: [計画の運用], reports_to: it-director }
";

/// `glossary.yaml` with two terms.
pub const GLOSSARY: &str = "terms:
  - term: ランサムウェア
    reading: らんさむうぇあ
    description: 身代金を要求する不正なソフトウェア。
  - term: LGWAN
    description: 地方公共団体を相互に接続する行政専用のネットワーク。
";

/// `plan/_index.md` with two approved revisions.
pub const PLAN_INDEX: &str = "---
id: plan
title: テスト市ICT部門業務継続計画
kind: plan
revisions:
  - version: 初版
    date: 2019-04-30
    approver: it-director
    summary: 新規制定
  - version: 第2版
    date: 2026-06-01
    approver: it-director
    summary: 改訂
---

本計画を印刷して保管する。
";

/// `plan/01-objectives.md`: headings, a link and an embedded role table.
pub const PLAN_CHAPTER: &str = "# 計画の目的 {#objectives}

## 目的と位置付け {#purpose}

ランサムウェアへの備えを定める。
ランサムウェアは二度目には印を付けない。

## 体制 {#roles}

[](#purpose)を参照する。

```bcp
embed: roles
mode: normal
caption: 〈平常時の役割〉
```
";

/// A valid site in a fresh temporary folder; `content()` is its content dir.
pub struct Site {
    /// The temporary folder (removed on drop); holds `content/`.
    pub dir: tempfile::TempDir,
}

impl Site {
    /// The valid site written into a fresh temporary folder.
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Site { dir };
        s.write("site.yaml", SITE);
        s.write("organization.yaml", ORG);
        s.write("glossary.yaml", GLOSSARY);
        s.write("plan/_index.md", PLAN_INDEX);
        s.write("plan/01-objectives.md", PLAN_CHAPTER);
        s
    }
    /// The site's `content/` folder.
    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }
    /// The site's `out/` folder (where `build` writes).
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }
    /// Writes `text` to `content/<rel>`, creating folders as needed.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }
    /// Writes `bytes` to `content/<rel>`, creating folders as needed.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.content().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    /// The text of `content/<rel>`.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content().join(rel)).unwrap()
    }
    /// Replaces `from` with `to` in a content file (the text must be there).
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let t = self.read(rel);
        assert!(t.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &t.replacen(from, to, 1));
    }
    /// Runs `bcpgen <args>` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.dir.path(), args)
    }
    /// `bcpgen approve <id>` of `content/` on `DATE`: the revision
    /// `version` with `summary`, approved by the role `approver`.
    pub fn approve(&self, id: &str, approver: &str, version: &str, summary: &str) -> Output {
        self.run(&[
            "approve",
            id,
            "--approver",
            approver,
            "--version",
            version,
            "--summary",
            summary,
            "--content",
            "content",
            "--date",
            DATE,
        ])
    }
    /// `bcpgen build` of `content/` into `out/` on `DATE`, then `extra`.
    pub fn build(&self, extra: &[&str]) -> Output {
        self.run(&build_args(extra))
    }
    /// `bcpgen check` of `content/` on `DATE`, then `extra`.
    pub fn check(&self, extra: &[&str]) -> Output {
        self.run(&check_args(extra))
    }
    /// `build` under the memory cap and watchdog of `capped`.
    pub fn build_capped(&self, extra: &[&str]) -> Capped {
        capped::run(self.dir.path(), &build_args(extra))
    }
    /// `check` under the memory cap and watchdog of `capped`.
    pub fn check_capped(&self) -> Capped {
        capped::run(self.dir.path(), &check_args(&[]))
    }
}

fn build_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "build",
        "--content",
        "content",
        "--out",
        "out",
        "--date",
        DATE,
    ];
    args.extend_from_slice(extra);
    args
}

fn check_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["check", "--content", "content", "--date", DATE];
    args.extend_from_slice(extra);
    args
}
