#!/usr/bin/env bash
# Proves docs/ci.md: runs, in a fresh folder, the steps of the CI jobs `tuanthu init` writes for a
# workspace in a repository of its own (in a subfolder, to check the paths), as a CI runner would:
#   1. a "tuanthu source" repository: a clone of this checkout's HEAD, tagged with the version the
#      jobs pin (what TUANTHU_REPO / TUANTHU_VERSION point at);
#   2. a department's repository: git init, then `tuanthu init compliance --tool-source file://…`;
#   3. every `run:` step of .github/workflows/tuan-thu.yml in order, with its env (the `uses:` steps
#      are the runner's: checkout is the folder itself, the cache is .tuanthu/ kept between runs);
#      the build step twice, the second time from the "cache";
#   4. every before_script and script line of .gitlab-ci.yml, with its variables.
# The audit step must fail (exit 1: the template's example system has no approved level), write
# Reports/ and name files from the repository root (compliance/Inventories/…).
# Usage: scripts/check-ci-steps.sh   (takes a release build of tuanthu: 5–10 minutes on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/tuanthu-ci-steps.XXXXXX)"
trap 'rm -rf "$work"' EXIT
swift build --package-path "$here" --product tuanthu >/dev/null
tool="$(swift build --package-path "$here" --show-bin-path)/tuanthu"
version="$("$tool" --version | cut -d';' -f1)"

echo "== 1. tuanthu source at tag $version"
git clone --quiet --no-hardlinks "$here" "$work/tuanthu-src"
git -C "$work/tuanthu-src" tag "$version"
source_url="file://$work/tuanthu-src"

echo "== 2. a department's repository"
mkdir "$work/repo" && cd "$work/repo" && git init --quiet
"$tool" init compliance --org-id so-thu --name "Sở Thử nghiệm" --tool-source "$source_url" >/dev/null
test -f .github/workflows/tuan-thu.yml && test -f .gitlab-ci.yml && test -f compliance/Inventories/so-thu.yaml

# The steps of a CI file as shell scripts, one per line of output: "ENV=… ; script".
steps() {
    python3 - "$1" "$2" <<'PY'
import json, sys, yaml
document = yaml.safe_load(open(sys.argv[1]))
if sys.argv[2] == "github":
    env = document.get("env", {})
    steps = [step["run"] for job in document["jobs"].values() for step in job["steps"] if "run" in step]
else:
    env = document.get("variables", {})
    job = document["tuan-thu"]
    steps = job.get("before_script", []) + job["script"]
print(json.dumps({"env": {k: str(v) for k, v in env.items()}, "steps": steps}))
PY
}

run_steps() {  # FILE KIND: runs each step in bash with the file's variables; stops at the audit
    local plan
    plan="$(steps "$1" "$2")"
    python3 - "$plan" <<'PY'
import json, os, subprocess, sys, time
plan = json.loads(sys.argv[1])
env = dict(os.environ, **plan["env"])
for step in plan["steps"]:
    first = step.strip().splitlines()[0]
    started = time.time()
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", step], env=env, capture_output=True, text=True)
    took = time.time() - started
    audit = "tuanthu audit" in step
    print(f"   {'audit' if audit else 'step '} {took:6.1f} s  exit {result.returncode}  {first[:80]}")
    if audit:
        if result.returncode != 1:
            sys.exit(f"the audit step should fail on the template's unapproved example (exit 1), got {result.returncode}\n{result.stdout}{result.stderr}")
    elif result.returncode != 0:
        sys.exit(f"step failed: {first}\n{result.stdout}{result.stderr}")
PY
}

echo "== 3. GitHub Actions: the run: steps (first run builds tuanthu)"
run_steps .github/workflows/tuan-thu.yml github
test -x .tuanthu/bin/tuanthu
test -f compliance/Reports/so-thu.sarif
python3 - <<'PY'
import json
log = json.load(open("compliance/Reports/so-thu.sarif"))
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
assert uris == {"compliance/Inventories/so-thu.yaml"}, uris
assert log["runs"][0]["originalUriBaseIds"]["WORKSPACE"]["uri"] == "compliance/"
print("   SARIF paths from the repository root:", sorted(uris))
PY
echo "== 3b. again, with .tuanthu/ as the cache left it (no build)"
run_steps .github/workflows/tuan-thu.yml github
echo "== 4. GitLab CI: before_script and script"
rm -rf compliance/Reports
run_steps .gitlab-ci.yml gitlab
test -f compliance/Reports/so-thu.junit.xml
echo "ok: the documented CI steps work in a repository of its own"
