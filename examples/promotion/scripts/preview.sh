#!/usr/bin/env bash
# Review step of the promotion pipeline: `pulumi preview --diff` of each stack, in promotion order,
# so a reviewer sees every property that would change in every environment before anything is applied.
#
# Usage: scripts/preview.sh [STACK...]   (default: dev staging prod)
# Exit status: 0 when every preview ran, else the status of the first preview that failed.
set -euo pipefail
cd "$(dirname "$0")/.."

stacks=("$@")
[[ ${#stacks[@]} -gt 0 ]] || stacks=(dev staging prod)

for stack in "${stacks[@]}"; do
  echo "=== preview: $stack"
  pulumi preview --diff --non-interactive --stack "$stack"
done
