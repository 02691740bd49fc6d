#!/usr/bin/env bash
# Apply step of the promotion pipeline: `pulumi up --refresh` stack after stack, in promotion order,
# stopping at the first failure so a change that breaks dev never reaches staging or prod. The
# refresh reads every object first, so an apply also puts back what was changed outside Pulumi.
#
# Usage: scripts/promote.sh [STACK...]   (default: dev staging prod)
# Exit status: 0 when every stack is up to date, else the status of the `pulumi up` that failed.
set -euo pipefail
cd "$(dirname "$0")/.."

stacks=("$@")
[[ ${#stacks[@]} -gt 0 ]] || stacks=(dev staging prod)

for stack in "${stacks[@]}"; do
  echo "=== up: $stack"
  pulumi up --yes --refresh --non-interactive --stack "$stack"
done
