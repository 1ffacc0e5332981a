"""Fuzz the registry with Schemathesis against its own OpenAPI document (`make fuzz-registry`).

Starts a registry of its own (throwaway data folder, 127.0.0.1, sign-in throttle relaxed so that
the fuzzer's deliberate wrong credentials do not lock its account), registers an editor of Rayong
(21), and runs ``schemathesis run`` with every check but ``positive_data_acceptance`` (a pin that
fits the schema may still be refused for the registry's rules: outside its province, another
province's, ...).  The budget is bounded: ``--max-examples`` test cases per operation and a
wall-clock ``--max-seconds`` for the whole run.  ``--url``/``--user``/``--password`` fuzz a
running registry instead.

From Schemathesis's HAR and JSON reports it prints one line::

    fuzz: budget=N/op,Ts operations=A requests=R 5xx=X non_json_errors=Y schema_violations=Z failures=F

(5xx and non-JSON error bodies counted over every response; schema violations are the unique
failures of the response-schema checks; failures are all unique failures of every check) and
exits non-zero unless X, Y, Z and F are 0.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from registry import launcher  # noqa: E402

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
BOUNDARIES = SHARED / "data" / "boundaries" / "thailand_admin_simplified.gpkg"
USER, PASSWORD = "fuzz", "a fuzzing password, long enough"
#: The fuzzer sends wrong credentials on purpose (does the API ignore them?): no lock for it.
RELAXED = {"REGISTRY_AUTH_NAME_LIMIT": "1000000000", "REGISTRY_AUTH_ADDRESS_LIMIT": "1000000000"}
SCHEMA_CODES = ("ST104", "ST108", "ST109", "ST110", "ST111")


def is_json_error(content: dict) -> bool:
    try:
        doc = json.loads(content.get("text") or "")
    except ValueError:
        return False
    return (isinstance(doc, dict) and bool(doc.get("message_en")) and bool(doc.get("message_th"))
            and "json" in (content.get("mimeType") or ""))


def summarise(report_dir: Path) -> dict:
    har = json.loads(Path(glob.glob(str(report_dir / "har-*.json"))[0]).read_text())
    run = json.loads(Path(glob.glob(str(report_dir / "json-*.json"))[0]).read_text())
    entries = har["log"]["entries"]
    statuses = [e["response"]["status"] for e in entries]
    bad_errors = [e for e in entries if e["response"]["status"] >= 400
                  and not is_json_error(e["response"].get("content") or {})]
    failures = run.get("failures") or []
    return {
        "operations": run["operations"]["tested"],
        "requests": len(entries),
        "5xx": sum(1 for s in statuses if s >= 500),
        "non_json_errors": len(bad_errors),
        "schema_violations": sum(f["count"] for f in failures if f["code"] in SCHEMA_CODES),
        "failures": sum(f["count"] for f in failures) + len(run.get("errors") or []),
        "by_code": {f["code"]: f["count"] for f in failures},
        "errors": run.get("errors") or [],
        "examples_of_bad_errors": [(e["request"]["method"], e["request"]["url"][:200],
                                    e["response"]["status"])
                                   for e in bad_errors[:5]],
    }


def fuzz(url: str, user: str, password: str, max_examples: int, max_seconds: int,
         seed, report_dir: Path, out) -> int:
    cmd = [sys.executable, "-m", "schemathesis.cli", "run", f"{url}/openapi",
           "--checks", "all", "--exclude-checks", "positive_data_acceptance",
           "--max-examples", str(max_examples), "-a", f"{user}:{password}",
           "--request-timeout", "30", "--workers", "1", "--no-color",
           "--report", "har,json", "--report-dir", str(report_dir)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    try:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, timeout=max_seconds,
                              cwd=str(report_dir))
    except subprocess.TimeoutExpired:
        print(f"fuzz: the budget of {max_seconds} s ran out", file=sys.stderr)
        return 2
    return proc.returncode


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--max-examples", type=int, default=int(os.environ.get("FUZZ_EXAMPLES", 50)),
                   help="test cases per API operation")
    p.add_argument("--max-seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", 900)),
                   help="wall-clock budget of the whole run")
    p.add_argument("--seed", type=int, default=os.environ.get("FUZZ_SEED"))
    p.add_argument("--url", help="fuzz this running registry instead of starting one")
    p.add_argument("--user", default=USER)
    p.add_argument("--password", default=PASSWORD)
    p.add_argument("--keep", help="keep Schemathesis's output and reports in this folder")
    args = p.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cp-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    os.chmod(work, 0o755)  # as root, PostgreSQL runs as the postgres user and must enter it
    reports = work / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir()
    reg = None
    try:
        url = args.url
        if not url:
            reg = launcher.start(work / "registry", BOUNDARIES, env=RELAXED)
            reg.add_user(args.user, args.password, "21")
            url = reg.url
        with open(work / "schemathesis.txt", "w") as out:
            code = fuzz(url, args.user, args.password, args.max_examples, args.max_seconds,
                        args.seed, reports, out)
        if not glob.glob(str(reports / "json-*.json")):
            print((work / "schemathesis.txt").read_text()[-4000:], file=sys.stderr)
            print("fuzz: Schemathesis wrote no report", file=sys.stderr)
            return 2
        s = summarise(reports)
        if s["failures"] or s["non_json_errors"] or s["5xx"]:
            print((work / "schemathesis.txt").read_text()[-6000:], file=sys.stderr)
    finally:
        if reg is not None:
            reg.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if s["failures"] or s["non_json_errors"] or s["5xx"]:
        print(f"fuzz: failures by code {s['by_code']}; errors {s['errors'][:3]}; "
              f"non-JSON errors e.g. {s['examples_of_bad_errors']}", file=sys.stderr)
    print(f"fuzz: budget={args.max_examples}/op,{args.max_seconds}s operations={s['operations']} "
          f"requests={s['requests']} 5xx={s['5xx']} non_json_errors={s['non_json_errors']} "
          f"schema_violations={s['schema_violations']} failures={s['failures']}")
    ok = not (s["5xx"] or s["non_json_errors"] or s["schema_violations"] or s["failures"])
    return 0 if ok and code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
