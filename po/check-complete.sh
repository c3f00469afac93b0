#!/bin/sh
# Check that the Simplified Chinese translation is complete.
#
# Usage: po/check-complete.sh SOURCE_ROOT [LANGUAGE]
#
# 1. Every file under src/, data/ and resources/ that holds translatable
#    strings must be listed in po/POTFILES.in.
# 2. Every file listed in po/POTFILES.in must exist.
# 3. The strings of those files (extracted with xgettext, which reads C with
#    the keywords below and .desktop, metainfo, GSettings schema and
#    GtkBuilder .ui files with its ITS rules) are merged into po/LANGUAGE.po
#    (zh_CN by default) with msgmerge; no message may be untranslated or
#    fuzzy, and msgfmt --check must accept the result.
#
# Prints every problem and exits 1 when there is any, 0 when complete.
# Needs: xgettext, msgmerge, msgattrib and msgfmt (Debian: gettext), plus the
# ITS rules that appstream, libglib2.0-dev and libgtk-4-dev install.

set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 SOURCE_ROOT [LANGUAGE]" >&2
    exit 2
fi

srcdir=$1
lang=${2:-zh_CN}
potfiles=$srcdir/po/POTFILES.in
pofile=$srcdir/po/$lang.po

for tool in xgettext msgmerge msgattrib msgfmt; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool not found (install gettext)" >&2
        exit 1
    fi
done

if [ ! -f "$potfiles" ]; then
    echo "error: $potfiles is missing" >&2
    exit 1
fi

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/tourdesk-po.XXXXXX") || exit 1
trap 'rm -rf "$tmpdir"' EXIT
trap 'exit 1' HUP INT PIPE TERM

failed=0

# --- The list of files, without comments, blank lines or intltool tags. ---
# Lines such as "[encoding: UTF-8]" are dropped, a "[type: gettext/glade] "
# prefix is removed, and so are trailing blanks and carriage returns.
sed -e 's/\r$//' \
    -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
    -e '/^#/d' -e '/^$/d' -e '/^\[[^]]*\]$/d' \
    -e 's/^\[[^]]*\][[:space:]]*//' \
    "$potfiles" > "$tmpdir/files"

: > "$tmpdir/existing"
while IFS= read -r f; do
    if [ -f "$srcdir/$f" ]; then
        printf '%s\n' "$f" >> "$tmpdir/existing"
    else
        echo "po/POTFILES.in lists $f, which does not exist"
        echo 1 > "$tmpdir/missing"
    fi
done < "$tmpdir/files"
[ -f "$tmpdir/missing" ] && failed=1

# --- Files with translatable strings that po/POTFILES.in does not list. ---
: > "$tmpdir/wanted"
for dir in src data resources; do
    [ -d "$srcdir/$dir" ] || continue
    (
        cd "$srcdir" || exit 1
        find "$dir" -type f \( -name '*.c' -o -name '*.h' \) \
            -exec grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dcgettext|g_dpgettext2)[[:space:]]*\(' {} + 2>/dev/null
        find "$dir" -type f -name '*.ui' \
            -exec grep -l 'translatable="yes"' {} + 2>/dev/null
        find "$dir" -type f \( -name '*.desktop.in' -o -name '*.desktop.in.in' \
            -o -name '*.metainfo.xml.in' -o -name '*.metainfo.xml.in.in' \
            -o -name '*.appdata.xml.in' -o -name '*.appdata.xml.in.in' \
            -o -name '*.gschema.xml' \)
    ) >> "$tmpdir/wanted"
done
sort -u "$tmpdir/wanted" | while IFS= read -r f; do
    if ! grep -qxF "$f" "$tmpdir/files"; then
        echo "$f has translatable strings but is not listed in po/POTFILES.in"
    fi
done > "$tmpdir/unlisted"
if [ -s "$tmpdir/unlisted" ]; then
    cat "$tmpdir/unlisted"
    failed=1
fi

# --- Extract the strings. ---
if ! xgettext --from-code=UTF-8 --add-comments --no-wrap \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
        --keyword=g_dcgettext:2 --keyword=g_dpgettext2:2c,3 \
        --package-name=tourdesk \
        --directory="$srcdir" --files-from="$tmpdir/existing" \
        --output="$tmpdir/tourdesk.pot" 2> "$tmpdir/xgettext.log"; then
    cat "$tmpdir/xgettext.log" >&2
    echo "error: xgettext failed" >&2
    exit 1
fi
if [ ! -f "$tmpdir/tourdesk.pot" ]; then
    # xgettext writes nothing when it finds no string at all.
    echo "error: xgettext found no translatable string in the files of po/POTFILES.in" >&2
    exit 1
fi

# --- Merge the translation with them. ---
if [ -f "$pofile" ]; then
    if ! msgmerge --quiet --no-wrap --previous \
            --output-file="$tmpdir/merged.po" "$pofile" "$tmpdir/tourdesk.pot"; then
        echo "error: msgmerge failed on po/$lang.po" >&2
        exit 1
    fi
else
    echo "po/$lang.po is missing: every message below is untranslated"
    cp "$tmpdir/tourdesk.pot" "$tmpdir/merged.po"
    failed=1
fi

# Prints each message of a PO file as one line: where it is, its context,
# its text (and plural text).
list_messages() {
    awk '
        /^#: / { sub(/^#: /, ""); refs = (refs == "" ? $0 : refs " " $0); next }
        /^msgctxt / { ctxt = substr($0, 9); next }
        /^msgid / { id = substr($0, 7); in_id = 1; next }
        # a msgid written over several lines starts with msgid "": join it,
        # or it would be taken for the header and skipped
        /^"/ { if (in_id) id = id $0; next }
        /^msgid_plural / { plural = substr($0, 14); in_id = 0; next }
        /^msgstr/ {
            in_id = 0
            if (id != "\"\"") {
                line = "  "
                if (ctxt != "") line = line "[" ctxt "] "
                line = line id
                if (plural != "") line = line " / " plural
                if (refs != "") line = line "  (" refs ")"
                print line
            }
            refs = ""; ctxt = ""; id = ""; plural = ""
            # skip the continuation lines of msgstr
            next
        }
        /^$/ { refs = ""; ctxt = ""; id = ""; plural = ""; in_id = 0 }
    ' "$1"
}

msgattrib --untranslated --no-obsolete --no-wrap --force-po \
    --output-file="$tmpdir/untranslated.po" "$tmpdir/merged.po" || exit 1
msgattrib --only-fuzzy --no-obsolete --no-wrap --force-po \
    --output-file="$tmpdir/fuzzy.po" "$tmpdir/merged.po" || exit 1

list_messages "$tmpdir/untranslated.po" > "$tmpdir/untranslated.txt"
list_messages "$tmpdir/fuzzy.po" > "$tmpdir/fuzzy.txt"

if [ -s "$tmpdir/untranslated.txt" ]; then
    echo "Untranslated in po/$lang.po ($(wc -l < "$tmpdir/untranslated.txt") message(s)):"
    cat "$tmpdir/untranslated.txt"
    failed=1
fi
if [ -s "$tmpdir/fuzzy.txt" ]; then
    echo "Fuzzy in po/$lang.po ($(wc -l < "$tmpdir/fuzzy.txt") message(s); check them and remove the fuzzy flag):"
    cat "$tmpdir/fuzzy.txt"
    failed=1
fi

if [ -f "$pofile" ] && ! msgfmt --check --output-file=/dev/null "$tmpdir/merged.po" 2> "$tmpdir/msgfmt.log"; then
    echo "msgfmt --check rejects po/$lang.po:"
    cat "$tmpdir/msgfmt.log"
    failed=1
fi

total=$(grep -c '^msgid ' "$tmpdir/tourdesk.pot")
total=$((total - 1))
if [ "$failed" -ne 0 ]; then
    echo "FAIL: the $lang translation is not complete ($total messages in the files of po/POTFILES.in)."
    echo "List new files in po/POTFILES.in, run 'ninja -C BUILDDIR tourdesk-update-po' and translate po/$lang.po."
    exit 1
fi
echo "OK: po/$lang.po translates all $total messages of the files in po/POTFILES.in."
exit 0
