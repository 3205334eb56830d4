"""Print each test suite's counts from JUnit files, then one combined line.

    python scripts/junit_summary.py var/junit/*.xml

The combined line ("total: N passed, N failed, N skipped") is the last line printed.
"""

import sys
import xml.etree.ElementTree as ET


def counts(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = {"name": "", "tests": 0, "failed": 0, "skipped": 0}
    for suite in suites:
        total["name"] = suite.get("name") or path
        total["tests"] += int(suite.get("tests", 0))
        total["failed"] += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        total["skipped"] += int(suite.get("skipped", 0))
    total["passed"] = total["tests"] - total["failed"] - total["skipped"]
    return total


def main(paths):
    results = [counts(path) for path in paths]
    for result in results:
        print(
            f"{result['name']}: {result['passed']} passed, {result['failed']} failed, "
            f"{result['skipped']} skipped"
        )
    passed = sum(r["passed"] for r in results)
    failed = sum(r["failed"] for r in results)
    skipped = sum(r["skipped"] for r in results)
    print(f"total: {passed} passed, {failed} failed, {skipped} skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
