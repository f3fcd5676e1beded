#!/usr/bin/env bash
# Plans examples of public terraform-aws-modules offline and prints palisade's findings per plan.
#
# Usage: scripts/plan-public-modules.sh MODULES_DIR OUT_DIR [PALISADE_BIN ...]
#   MODULES_DIR  holds checkouts of the modules, one directory per module named without the
#                terraform-aws- prefix: vpc, s3-bucket, kms, security-group, alb, autoscaling, acm, cloudwatch
#                (the tags used are listed in docs/public-module-plans.md; this script fetches nothing).
#   OUT_DIR      receives a copy of every module (the checkouts are never changed), one plan JSON per example
#                (OUT_DIR/plans/<module>--<example>.json) and palisade's JSON report per plan and engine.
#   PALISADE_BIN one or more palisade entry points to compare (default: this checkout's bin/palisade.js).
#   EXAMPLES     (environment) space-separated module/example pairs to plan instead of all eight.
#
# Needs terraform (>= 1.5) and hashicorp/aws 5.100.0 in a plugin mirror (PALISADE_TF_PLUGIN_DIR, default
# /opt/tf-plugins), node, and no network: the AWS calls the examples' data sources make at plan time are answered by
# scripts/offline-aws-endpoint.js on 127.0.0.1. What each copy changes (and why) is in docs/public-module-plans.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
[[ $# -ge 2 ]] || { echo "usage: $0 MODULES_DIR OUT_DIR [PALISADE_BIN ...]" >&2; exit 2; }
mods="$(cd "$1" && pwd)"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
shift 2
bins=("$@")
[[ ${#bins[@]} -gt 0 ]] || bins=("$repo/bin/palisade.js")
plugins="${PALISADE_TF_PLUGIN_DIR:-/opt/tf-plugins}"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

# module/example pairs, in the order of the document's tables
examples=(
  vpc/complete
  vpc/vpc-flow-logs
  vpc/network-acls
  s3-bucket/complete
  kms/complete
  security-group/complete
  alb/complete-nlb
  autoscaling/complete
)
# EXAMPLES="vpc/complete kms/complete" plans only those.
if [[ -n ${EXAMPLES:-} ]]; then read -r -a examples <<<"$EXAMPLES"; fi

work="$out/work"
rm -rf "$work"
mkdir -p "$work" "$out/plans" "$out/reports"
for module in vpc s3-bucket kms security-group alb autoscaling acm cloudwatch; do
  [[ -d "$mods/$module" ]] || { echo "missing checkout: $mods/$module" >&2; exit 2; }
  cp -R "$mods/$module" "$work/$module"
done

portfile="$out/offline-aws.port"
rm -f "$portfile"
# The Route 53 zone alb/complete-nlb looks up (its domain_name default).
OFFLINE_AWS_ZONES=terraform-aws-modules.modules.tf node "$here/offline-aws-endpoint.js" "$portfile" 2>"$out/offline-aws.log" &
endpoint_pid=$!
trap 'kill "$endpoint_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s "$portfile" ]] && break; sleep 0.1; done
[[ -s "$portfile" ]] || { echo "offline AWS endpoint did not start" >&2; exit 2; }
endpoint="http://127.0.0.1:$(cat "$portfile")"

# Registry module sources need the network: point them at the sibling copies (a registry source may carry a
# //subdirectory) and drop their version constraints. random_* and null_* resources need providers this machine
# does not have: they are removed and their values replaced by fixed strings (names become known at plan time).
localise() {
  local dir="$1"
  perl -0pi -e '
    s~source\s*=\s*"terraform-aws-modules/([a-z0-9-]+)/aws(//[^"]*)?"\s*\n\s*version\s*=\s*"[^"]*"~source = "../../../$1$2"~g;
    s~(source = "[.][.]/[.][.]/[.][.]/[a-z0-9-]+)//~$1/~g;
    s~\n(resource|data) "(random|null)_[a-z_]+" "[a-z0-9_-]+" [{]\n.*?\n[}]\n~\n~gs;
    s~\x24\x7brandom_[a-z_]+[.][a-z0-9_-]+[.](id|result|hex)\x7d~offline~g;
    s~random_[a-z_]+[.][a-z0-9_-]+[.](id|result|hex)~"offline"~g;
    s~\n\s*depends_on\s*=\s*\[null_resource[.][a-z0-9_-]+\]~~g;
  ' "$dir"/*.tf
  if [[ -f "$dir/versions.tf" ]]; then perl -0pi -e 's~\n\s*(random|null)\s*=\s*[{][^}]*[}]~~g' "$dir/versions.tf"; fi
}

# The test-only provider settings (as test/support/terraform.ts writes them), one entry per aws provider block
# (aliases included), with every AWS endpoint the examples read pointed at the offline endpoint.
override() {
  local dir="$1" extra="${2:-}" aliases
  aliases="$(perl -0ne 'while (/provider\s+"aws"\s*\{(.*?)\n\}/gs) { my $b = $1; print(($b =~ /alias\s*=\s*"([^"]+)"/) ? "$1\n" : "-\n") }' "$dir"/*.tf)"
  node -e '
    const [endpoint, aliases, extra] = process.argv.slice(1);
    const aws = aliases.split("\n").map((alias) => ({
      ...(alias === "-" ? {} : { alias }),
      access_key: "AKIAOFFLINEPLANONLY00",
      secret_key: "offline-plan-only",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      allowed_account_ids: null,
      s3_use_path_style: true,
      endpoints: [Object.fromEntries(["sts", "ec2", "s3", "ssm", "route53"].map((s) => [s, endpoint]))],
    }));
    process.stdout.write(JSON.stringify({ provider: { aws }, ...JSON.parse(extra || "{}") }, null, 2) + "\n");
  ' "$endpoint" "$aliases" "$extra" >"$dir/zz_override.tf.json"
}

for module in vpc s3-bucket kms security-group alb autoscaling acm cloudwatch; do
  for dir in "$work/$module"/examples/*/; do compgen -G "${dir}*.tf" >/dev/null && localise "${dir%/}"; done
done

status=0
for pair in "${examples[@]}"; do
  module="${pair%%/*}"
  example="${pair#*/}"
  dir="$work/$module/examples/$example"
  name="$module--$example"
  extra=""
  # Provider 5.100 marks a KMS grant's token sensitive; the example's outputs predate that and Terraform refuses them.
  [[ $pair == kms/complete ]] && extra='{"output":{"complete_grants":{"sensitive":true},"replica_grants":{"sensitive":true},"replica_external_grants":{"sensitive":true}}}'
  override "$dir" "$extra"
  if ! (cd "$dir" && terraform init -backend=false -plugin-dir="$plugins" -no-color >"$out/$name.init.log" 2>&1 &&
    terraform plan -refresh=false -out=plan.bin -no-color >"$out/$name.plan.log" 2>&1 &&
    terraform show -json plan.bin >"$out/plans/$name.json"); then
    echo "$name: terraform failed, see $out/$name.*.log" >&2
    status=1
    continue
  fi
  for i in "${!bins[@]}"; do
    set +e
    node "${bins[$i]}" check "$out/plans/$name.json" --format json >"$out/reports/$name.$i.json" 2>"$out/reports/$name.$i.err"
    echo "$?" >"$out/reports/$name.$i.rc"
    set -e
  done
done

# One line per plan and engine: resources, exit code, then fail and unproven counts per rule id.
# shellcheck disable=SC2016 # the ${...} are JavaScript template literals
node -e '
  const fs = require("fs");
  const [out, n, ...pairs] = process.argv.slice(1);
  for (const pair of pairs) {
    const name = pair.replace("/", "--");
    for (let i = 0; i < Number(n); i++) {
      const file = `${out}/reports/${name}.${i}.json`;
      if (!fs.existsSync(file)) { console.log(`${pair}\tengine ${i}\tno report`); continue; }
      const report = JSON.parse(fs.readFileSync(file, "utf8"));
      const rc = fs.readFileSync(`${out}/reports/${name}.${i}.rc`, "utf8").trim();
      const count = (list) => Object.entries((list || []).reduce((m, f) => ({ ...m, [f.ruleId]: (m[f.ruleId] || 0) + 1 }), {}))
        .sort(([a], [b]) => a.localeCompare(b)).map(([r, c]) => `${r}=${c}`).join(" ") || "-";
      console.log(`${pair}\tengine ${i}\tresources ${report.summary.resourcesScanned}\texit ${rc}\tfail ${(report.findings || []).length}: ${count(report.findings)}\tunproven ${(report.unproven || []).length}: ${count(report.unproven)}`);
    }
  }
' "$out" "${#bins[@]}" "${examples[@]}"
exit "$status"
