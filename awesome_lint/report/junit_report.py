"""JUnit XML: one test case per file and rule, so CI dashboards show findings as failures."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from awesome_lint.files.sources import INPUT_ERROR_CODE
from awesome_lint.report import FileReport, ReportOptions
from awesome_lint.report.escape import printable


def render(reports: list[FileReport], options: ReportOptions) -> str:
    suites = ET.Element("testsuites", name="awesome-lint")
    for report in reports:
        errors = sum(d.code == INPUT_ERROR_CODE for d in report.diagnostics)
        suite = ET.SubElement(suites, "testsuite", name=report.path,
                              tests=str(max(1, len(report.diagnostics))),
                              failures=str(len(report.diagnostics) - errors),
                              errors=str(errors))
        if not report.diagnostics:
            ET.SubElement(suite, "testcase", classname=report.path, name="awesome-lint")
        for d in report.diagnostics:
            case = ET.SubElement(suite, "testcase", classname=report.path,
                                 name=f"{d.code} {d.rule} line {d.line} column {d.column}")
            # A file that could not be read is an error of the run, not a failed check.
            kind = "error" if d.code == INPUT_ERROR_CODE else "failure"
            # XML 1.0 cannot hold most control characters at all: escape them as text.
            message = printable(d.message)
            failure = ET.SubElement(case, kind, message=message, type=d.severity.value)
            failure.text = f"{printable(report.path)}:{d.line}:{d.column}: {d.code} {message}"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
