#!/bin/sh
# Check the Flatpak manifest without building it.
#
# Usage: flatpak/check-manifest.sh MANIFEST PYTHON3 [JSON_GLIB_VALIDATE|""] [FLATPAK_BUILDER|""]
#
# 1. The manifest must be valid JSON (json-glib-validate when given, else
#    python3 -m json.tool).
# 2. Every archive or file source must carry a sha256 of 64 hex digits, and
#    no source may follow a moving git branch.
# 3. When flatpak-builder is given, `flatpak-builder --show-manifest` must
#    load it without an error or a warning (it warns about unknown keys).
#
# Works offline: --show-manifest neither downloads sources nor needs the
# runtime to be installed.

set -u

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
    echo "usage: $0 MANIFEST PYTHON3 [JSON_GLIB_VALIDATE] [FLATPAK_BUILDER]" >&2
    exit 2
fi

manifest=$1
python=$2
json_validate=${3:-}
flatpak_builder=${4:-}

if [ ! -f "$manifest" ]; then
    echo "error: $manifest does not exist" >&2
    exit 1
fi

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/tourdesk-flatpak.XXXXXX") || exit 1
trap 'rm -rf "$tmpdir"' EXIT
trap 'exit 1' HUP INT PIPE TERM

# 1. JSON syntax.
if [ -n "$json_validate" ]; then
    echo "Validating the JSON with $json_validate"
    "$json_validate" "$manifest" || exit 1
else
    echo "Validating the JSON with $python -m json.tool"
    "$python" -m json.tool "$manifest" > /dev/null || exit 1
fi

# 2. Pinned sources.
"$python" - "$manifest" <<'EOF' || exit 1
import json, re, sys

with open(sys.argv[1], encoding="utf-8") as f:
    manifest = json.load(f)

problems = []

def check_module(module, where):
    if isinstance(module, str):
        return  # an included file: flatpak-builder --show-manifest reads it
    name = module.get("name", "?")
    for source in module.get("sources", []):
        if isinstance(source, str):
            continue
        kind = source.get("type")
        if kind in ("archive", "file") and "url" in source:
            sha = source.get("sha256", "")
            if not re.fullmatch(r"[0-9a-f]{64}", sha):
                problems.append("%s%s: %s has no valid sha256" % (where, name, source["url"]))
        if kind == "git" and "commit" not in source and "tag" not in source:
            problems.append("%s%s: git source %s is pinned neither to a commit nor a tag"
                            % (where, name, source.get("url")))
    for sub in module.get("modules", []):
        check_module(sub, where + name + "/")

for key in ("id", "runtime", "runtime-version", "sdk", "command"):
    if key not in manifest and not (key == "id" and "app-id" in manifest):
        problems.append("the manifest has no %s" % key)
for module in manifest.get("modules", []):
    check_module(module, "")

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print("Every downloaded source is pinned by a sha256")
EOF

# 3. flatpak-builder's own parser.
if [ -n "$flatpak_builder" ]; then
    echo "Loading the manifest with $flatpak_builder --show-manifest"
    # It creates .flatpak-builder/ in its working directory (and its
    # --show-manifest mode takes no --state-dir), so it runs in $tmpdir.
    case $manifest in
        /*) ;;
        *) manifest=$(pwd)/$manifest ;;
    esac
    if ! (cd "$tmpdir" && "$flatpak_builder" --show-manifest "$manifest") > "$tmpdir/shown.json" 2> "$tmpdir/stderr"; then
        cat "$tmpdir/stderr" >&2
        echo "error: flatpak-builder --show-manifest failed" >&2
        exit 1
    fi
    if [ -s "$tmpdir/stderr" ]; then
        cat "$tmpdir/stderr" >&2
        echo "error: flatpak-builder --show-manifest printed warnings" >&2
        exit 1
    fi
    "$python" -m json.tool "$tmpdir/shown.json" > /dev/null || exit 1
else
    echo "flatpak-builder not found: skipped flatpak-builder --show-manifest"
fi

echo "OK: $manifest"
exit 0
