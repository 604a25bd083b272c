#!/usr/bin/env bash
# Vendors the front-end assets into static/vendor/ from the npm registry:
#   KERN UX (@kern-ux/native, EUPL-1.2) with its fonts, a right-to-left build of its CSS
#   made with RTLCSS (the tool Bootstrap uses for its own RTL build), htmx, and Swagger UI
#   (swagger-ui-dist) for /api/docs.
# Run from the project root after changing a version below; commit the result.
set -euo pipefail
KERN_VERSION=2.7.2
RTLCSS_VERSION=4.3.0
HTMX_VERSION=2.0.4
SWAGGER_UI_VERSION=5.35.0

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund \
  "@kern-ux/native@$KERN_VERSION" "rtlcss@$RTLCSS_VERSION" "htmx.org@$HTMX_VERSION" \
  "swagger-ui-dist@$SWAGGER_UI_VERSION" >/dev/null

dest="$root/static/vendor"
rm -rf "$dest/kern" "$dest/htmx" "$dest/swagger-ui"
mkdir -p "$dest/kern/fonts" "$dest/htmx" "$dest/swagger-ui"
kern=node_modules/@kern-ux/native
cp "$kern/dist/kern.min.css" "$dest/kern/kern.min.css"
cp "$kern/LICENSE.md" "$dest/kern/LICENSE.md"
cp "$kern/dist/fonts/fira-sans.css" "$dest/kern/fonts/"
mkdir -p "$dest/kern/fonts/fira-sans"
# Only the cuts the stylesheet actually references.
for font in $(grep -o 'fira-sans/[A-Za-z-]*\.woff2' "$kern/dist/fonts/fira-sans.css" | sort -u); do
  cp "$kern/dist/fonts/$font" "$dest/kern/fonts/$font"
done
# Right-to-left: RTLCSS flips left/right in every rule (margins, paddings, positions, floats,
# text-align, borders, transforms) of KERN's own stylesheet.
npx rtlcss "$kern/dist/kern.min.css" "$dest/kern/kern.rtl.min.css" >/dev/null
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$dest/htmx/LICENSE"
for file in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE; do
  cp "node_modules/swagger-ui-dist/$file" "$dest/swagger-ui/$file"
done
cat > "$dest/VERSIONS" <<V
@kern-ux/native $KERN_VERSION (EUPL-1.2)
rtlcss $RTLCSS_VERSION (MIT), used to build kern.rtl.min.css
htmx.org $HTMX_VERSION (0BSD)
swagger-ui-dist $SWAGGER_UI_VERSION (Apache-2.0), for /api/docs
V
echo "vendored into $dest"
