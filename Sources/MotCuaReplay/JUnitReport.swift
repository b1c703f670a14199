import Foundation

/// JUnit XML for CI systems: one `testcase` per fixture, with the failure text as the body of its
/// `failure` element.
public enum JUnitReport {
    /// One fixture's outcome; `failure` is nil when it passed.
    public struct Case: Sendable {
        public var name: String
        public var file: String
        public var seconds: Double
        public var failure: (message: String, details: String)?

        public init(name: String, file: String, seconds: Double, failure: (message: String, details: String)?) {
            self.name = name
            self.file = file
            self.seconds = seconds
            self.failure = failure
        }
    }

    /// Returns the XML document for `cases` under one test suite named `suite`.
    public static func xml(suite: String, cases: [Case]) -> String {
        let failures = cases.filter { $0.failure != nil }.count
        let total = cases.reduce(0) { $0 + $1.seconds }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites tests="\#(cases.count)" failures="\#(failures)" time="\#(seconds(total))">"#,
            #"  <testsuite name="\#(escape(suite))" tests="\#(cases.count)" failures="\#(failures)" errors="0" "#
                + #"time="\#(seconds(total))">"#,
        ]
        for item in cases {
            let attributes =
                #"classname="\#(escape(suite))" name="\#(escape(item.name))" file="\#(escape(item.file))" "#
                + #"time="\#(seconds(item.seconds))""#
            guard let failure = item.failure else {
                lines.append("    <testcase \(attributes)/>")
                continue
            }
            lines.append("    <testcase \(attributes)>")
            lines.append(#"      <failure message="\#(escape(failure.message))">\#(escape(failure.details))</failure>"#)
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// Escapes the five XML special characters and drops control characters XML 1.0 forbids,
    /// such as the escape that starts an ANSI colour.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
