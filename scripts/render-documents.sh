#!/usr/bin/env bash
# Renders the first page of the sample's committed Word files as PNG images under docs/images, for
# reviewers (docs/documents.md). Needs LibreOffice (soffice) and pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" \
    Reports/nguoi-co-cong.dossier.vi.docx Reports/nguoi-co-cong.form-06.docx Reports/snv-tq.report-2026.vi.docx >/dev/null
mkdir -p docs/images
render() { pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/$1.pdf" "docs/images/$2"; }
render nguoi-co-cong.dossier.vi dossier-page1
render nguoi-co-cong.form-06 form-06-page1
render snv-tq.report-2026.vi report-2026-page1
ls -l docs/images
