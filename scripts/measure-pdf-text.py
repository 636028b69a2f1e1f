"""Font sizes and stroke widths used in PDFs written by chorus (cairo), read from the content
streams: the text matrices (`a b c d e f Tm`, size = sqrt(a² + b²) for text set at `1 Tf`) and
the line widths (`w`). Independent of chorus's own layout code; standard library only.

Usage: python3 scripts/measure-pdf-text.py FILE.pdf…   (prints min/max per file and overall)
"""
import re
import sys
import zlib


def measure(path):
    data = open(path, "rb").read()
    sizes, widths = [], []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            text = zlib.decompress(m.group(1)).decode("latin1")
        except zlib.error:
            continue
        for a, b, _c, _d in re.findall(r"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) [-\d.]+ [-\d.]+ Tm", text):
            sizes.append((float(a) ** 2 + float(b) ** 2) ** 0.5)
        widths += [float(w) for w in re.findall(r"(?:^|\s)([\d.]+) w(?=\s)", text)]
    return sizes, widths


def main():
    all_sizes, all_widths = [], []
    for path in sys.argv[1:]:
        s, w = measure(path)
        all_sizes += s
        all_widths += w
        print(f"{path}: text {min(s):.2f}–{max(s):.2f} pt ({len(s)} runs), strokes {min(w):.2f}–{max(w):.2f} pt")
    print(f"overall: smallest text {min(all_sizes):.2f} pt, thinnest stroke {min(all_widths):.2f} pt")
    return 0 if min(all_sizes) >= 7.995 and min(all_widths) >= 0.745 else 1


if __name__ == "__main__":
    sys.exit(main())
