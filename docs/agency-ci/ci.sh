#!/bin/sh
# An agency's CI job for a content repository: drafts/ holds each client's drafts files,
# profiles/ each client's profile with its gates. Every drafts file is scored against its own
# client's gates; a dated draft must be approved; the JSON report is written whatever happens
# (a broken file included) and read back for the job's log.
set -u

status=0
igalgo score drafts/*.yaml --profiles profiles --confine-accounts --require-approved \
  --format json --output reach.json || status=$?

if command -v jq >/dev/null 2>&1; then
  jq -r '
    (.files[] | "\(.source): \(.drafts | length) drafts, gates \([.gates[].gate] | join(" "))"
      + " from \(.gates[0].origin // "nowhere")"),
    (.summary.failures[] | "FAILED \(.message)"),
    (.summary.unapproved[] | "NOT APPROVED \(.message)"),
    (.invalid_files[] | "INVALID \(.source): \(.problems[0].code) at line \(.problems[0].line)"),
    "exit code \(.summary.exit_code)"
  ' reach.json
else
  python3 - <<'PYTHON'
import json

with open("reach.json", encoding="utf-8") as file:
    report = json.load(file)
for entry in report["files"]:
    gates = " ".join(gate["gate"] for gate in entry["gates"])
    origin = entry["gates"][0]["origin"] if entry["gates"] else "nowhere"
    print(f"{entry['source']}: {len(entry['drafts'])} drafts, gates {gates} from {origin}")
for failure in report["summary"]["failures"]:
    print(f"FAILED {failure['message']}")
for held in report["summary"]["unapproved"]:
    print(f"NOT APPROVED {held['message']}")
for invalid in report["invalid_files"]:
    first = invalid["problems"][0]
    print(f"INVALID {invalid['source']}: {first['code']} at line {first['line']}")
print(f"exit code {report['summary']['exit_code']}")
PYTHON
fi
exit "$status"
