"""Compile every .typ file of a folder to PDF with the `typst` Python package,
using a pool of worker processes (two by default, the CI machine's cores).

Usage: python3 typst_compile.py SRC_DIR OUT_DIR [WORKERS] [FONT_DIR ...]
This is the yardstick bcpgen's PDF output is measured against (issue 3 item 8).
"""
import multiprocessing
import pathlib
import sys

import typst

FONT_PATHS: list[str] = []


def compile_one(src: pathlib.Path, out_dir: pathlib.Path) -> int:
    out = out_dir / (src.stem + ".pdf")
    typst.compile(str(src), output=str(out), root=str(src.parent), font_paths=FONT_PATHS)
    return out.stat().st_size


def init(fonts: list[str]) -> None:
    global FONT_PATHS
    FONT_PATHS = fonts


def main() -> None:
    src_dir = pathlib.Path(sys.argv[1])
    out_dir = pathlib.Path(sys.argv[2])
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    fonts = sys.argv[4:]
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = sorted(src_dir.glob("*.typ"))
    if not sources:
        sys.exit(f"no .typ files in {src_dir}")
    with multiprocessing.Pool(workers, initializer=init, initargs=(fonts,)) as pool:
        pool.starmap(compile_one, [(s, out_dir) for s in sources])


if __name__ == "__main__":
    main()
