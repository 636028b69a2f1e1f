#!/usr/bin/env bash
# Fails when the module graph breaks docs/architecture.md (issue 9): every Swift target in
# Sources/ may import only the Chorus targets listed before it in LAYERS, only ChorusStats may
# import CGSL and only ChorusFigures CPLplot, ChorusFigures draws from tables and so imports no
# Chorus target above ChorusAnalysis (FIGURES_MAY_IMPORT), and Package.swift must declare no
# dependency that breaks the same rules. The tests' support target (Tests/ChorusTestSupport) may
# import any library module and is imported by test targets only. Run by `make test`; no build needed.
set -euo pipefail
cd "$(dirname "$0")/.."
LAYERS=(ChorusStats ChorusRecords ChorusAnalysis ChorusSimulation ChorusIngest ChorusValidation ChorusFigures ChorusCLI chorus)
# ChorusFigures reads tables and metric names only: not the simulator, the log reader or the studies.
FIGURES_MAY_IMPORT=" ChorusStats ChorusRecords ChorusAnalysis "
fail=0
rank() { local i; for i in "${!LAYERS[@]}"; do [[ "${LAYERS[$i]}" == "$1" ]] && { echo "$i"; return; }; done; echo -1; }

for dir in Sources/*/; do
    target=$(basename "$dir")
    [[ "$target" == CGSL || "$target" == CPLplot ]] && continue
    me=$(rank "$target")
    if (( me < 0 )); then echo "check-architecture: Sources/$target is not in the documented layers"; fail=1; continue; fi
    # Imports of Chorus targets and C modules, with file and line.
    while IFS=: read -r file line text; do
        mod=$(sed -E 's/^[[:space:]]*(@testable[[:space:]]+)?((public|internal|package|private|fileprivate)[[:space:]]+)?import[[:space:]]+([A-Za-z0-9_]+).*/\4/' <<<"$text")
        case "$mod" in
            CGSL) [[ "$target" == ChorusStats ]] || { echo "$file:$line: $target imports CGSL (only ChorusStats may)"; fail=1; } ;;
            CPLplot) [[ "$target" == ChorusFigures ]] || { echo "$file:$line: $target imports CPLplot (only ChorusFigures may)"; fail=1; } ;;
            Chorus*|chorus)
                r=$(rank "$mod")
                if (( r < 0 || r >= me )); then echo "$file:$line: $target imports $mod, which is not below it"; fail=1; fi
                if [[ "$target" == ChorusFigures && "$FIGURES_MAY_IMPORT" != *" $mod "* ]]; then
                    echo "$file:$line: ChorusFigures imports $mod (figures are drawn from tables: only$FIGURES_MAY_IMPORT)"; fail=1
                fi ;;
        esac
    done < <(grep -rnE '^[[:space:]]*(@testable[[:space:]]+)?((public|internal|package|private|fileprivate)[[:space:]]+)?import[[:space:]]+(Chorus|chorus|CGSL|CPLplot)' "$dir" || true)
done

# The test-support target: any library module (not the executable), and no C module.
SUPPORT=ChorusTestSupport
while IFS=: read -r file line text; do
    mod=$(sed -E 's/^[[:space:]]*(@testable[[:space:]]+)?((public|internal|package|private|fileprivate)[[:space:]]+)?import[[:space:]]+([A-Za-z0-9_]+).*/\4/' <<<"$text")
    if [[ "$mod" == CGSL || "$mod" == CPLplot || "$mod" == chorus || ( "$mod" == Chorus* && $(rank "$mod") -lt 0 ) ]]; then
        echo "$file:$line: $SUPPORT imports $mod (it may import library modules only)"; fail=1
    fi
done < <(grep -rnE '^[[:space:]]*(@testable[[:space:]]+)?((public|internal|package|private|fileprivate)[[:space:]]+)?import[[:space:]]+(Chorus|chorus|CGSL|CPLplot)' "Tests/$SUPPORT" || true)

# Package.swift: each .target's Chorus dependencies must be below it; the support target may
# depend on any library module, and only test targets on it.
python3 - <<'PY' || fail=1
import re, sys
layers = "ChorusStats ChorusRecords ChorusAnalysis ChorusSimulation ChorusIngest ChorusValidation ChorusFigures ChorusCLI chorus".split()
figures_may = {"ChorusStats", "ChorusRecords", "ChorusAnalysis"}
text = open("Package.swift").read()
bad = False
support = "ChorusTestSupport"
for m in re.finditer(r'\.(?:target|executableTarget)\(name:\s*"(\w+)",\s*dependencies:\s*\[(.*?)\]\s*[,)]', text, re.S):
    name, deps = m.group(1), re.findall(r'"(Chorus\w+|chorus)"', m.group(2))
    for d in deps:
        if name == support and d in layers and d != "chorus":
            continue
        if name not in layers or d not in layers or layers.index(d) >= layers.index(name):
            print(f"Package.swift: target {name} depends on {d}, which is not below it"); bad = True
        if name == "ChorusFigures" and d not in figures_may:
            print(f"Package.swift: ChorusFigures depends on {d} (figures are drawn from tables: only {sorted(figures_may)})"); bad = True
sys.exit(1 if bad else 0)
PY

if (( fail )); then echo "check-architecture: the module graph differs from docs/architecture.md"; exit 1; fi
echo "check-architecture: ${#LAYERS[@]} layers, imports and Package.swift follow docs/architecture.md"
