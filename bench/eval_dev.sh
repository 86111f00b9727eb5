#!/usr/bin/env bash
# The command behind the README's extraction-quality figures: the default offline pipeline on the
# development set (../shared/dev-eval), scored by the reference scorer beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/argmap eval ../shared/dev-eval/microtexts_part2_en.json --out /tmp/argmap-dev-map.json "$@"
