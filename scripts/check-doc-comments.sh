#!/usr/bin/env bash
# Lists every public declaration of Chorus's library modules (and ChorusCLI) that has no doc
# comment (`///`) and fails when there is one (docs/design.md §6). It reads the symbol graphs that the Swift compiler
# extracted for the documentation build, so it sees exactly the symbols DocC publishes: enum cases
# and the members of public extensions included, compiler-synthesised conformances excluded.
# Run `make docs` (which builds the documentation and then runs this), or run this after
# `swift package generate-documentation --target …`. Usage: scripts/check-doc-comments.sh [MODULE…]
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=("$@")
(( ${#MODULES[@]} )) || MODULES=(ChorusStats ChorusRecords ChorusAnalysis ChorusSimulation ChorusIngest ChorusValidation ChorusFigures ChorusCLI)
graphs=()
for m in "${MODULES[@]}"; do
    found=$(find .build -path "*/extracted-symbols/*/$m/*.symbols.json" 2>/dev/null || true)
    if [[ -z "$found" ]]; then
        echo "check-doc-comments: no symbol graph for $m; run: swift package generate-documentation --target $m" >&2
        exit 2
    fi
    while IFS= read -r f; do graphs+=("$f"); done <<<"$found"
done
python3 - "$PWD" "${graphs[@]}" <<'PY'
import json, sys
root, files = sys.argv[1], sys.argv[2:]
missing = []
for path in files:
    graph = json.load(open(path))
    for s in graph["symbols"]:
        if s.get("accessLevel") not in ("public", "open"):
            continue
        if "::SYNTHESIZED::" in s["identifier"]["precise"]:
            continue          # default implementations and conformances the compiler adds
        if s.get("docComment", {}).get("lines"):
            continue
        if s["pathComponents"][-1].startswith("$"):
            continue          # a projected value ($x of @TaskLocal or a property wrapper): the
                              # compiler writes it from x, whose comment documents both
        loc = s.get("location", {})
        uri = loc.get("uri", "?").replace("file://", "").replace(root + "/", "")
        line = loc.get("position", {}).get("line", -1) + 1
        missing.append((uri, line, s["kind"]["displayName"], ".".join(s["pathComponents"])))
for uri, line, kind, name in sorted(set(missing)):
    print(f"{uri}:{line}: {kind} {name} has no doc comment")
print(f"check-doc-comments: {len(set(missing))} public declarations without a doc comment", file=sys.stderr)
sys.exit(1 if missing else 0)
PY
