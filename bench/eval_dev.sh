#!/usr/bin/env bash
# The command behind the README's extraction-quality figures: the default offline pipeline on the
# development set (../shared/dev-eval, the reference scorer beside it) and on the project's
# annotated texts on held-out topics (data/labelled/texts), side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/argmap eval ../shared/dev-eval/microtexts_part2_en.json --held-out "$@"
