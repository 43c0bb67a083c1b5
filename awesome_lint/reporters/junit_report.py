"""JUnit XML: one test case per file and rule, so CI dashboards show findings as failures."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from awesome_lint.reporters import FileReport, ReportOptions
from awesome_lint.reporters.escape import printable


def render(reports: list[FileReport], options: ReportOptions) -> str:
    suites = ET.Element("testsuites", name="awesome-lint")
    for report in reports:
        suite = ET.SubElement(suites, "testsuite", name=report.path,
                              tests=str(max(1, len(report.diagnostics))),
                              failures=str(len(report.diagnostics)), errors="0")
        if not report.diagnostics:
            ET.SubElement(suite, "testcase", classname=report.path, name="awesome-lint")
        for d in report.diagnostics:
            case = ET.SubElement(suite, "testcase", classname=report.path,
                                 name=f"{d.code} {d.rule} line {d.line} column {d.column}")
            # XML 1.0 cannot hold most control characters at all: escape them as text.
            message = printable(d.message)
            failure = ET.SubElement(case, "failure", message=message, type=d.severity.value)
            failure.text = f"{printable(report.path)}:{d.line}:{d.column}: {d.code} {message}"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
