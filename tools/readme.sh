#!/usr/bin/env bash
# README.md is nbs/index.ipynb converted to markdown; its figure links are relative to nbs/ in the notebook
# (so they show in Jupyter) and relative to the repository root in the README.
# Usage: bash tools/readme.sh > README.md   (CI compares its output with the committed README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
jupyter nbconvert --to markdown --stdout nbs/index.ipynb 2>/dev/null | sed 's#](models/#](nbs/models/#g'
