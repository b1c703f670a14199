import Foundation

/// The machine a run measured, as BENCHMARKS.md records it.
struct MachineDescription {
    var cores: Int
    var memory: String
    var cpuModel: String
    var operatingSystem: String
    var swiftVersion: String
    var date: String
    /// The 1, 5 and 15 minute load averages from /proc/loadavg before the run. Other processes
    /// share the cores, so a load near or above the core count lowers every figure.
    var loadAverage: String = "unknown"

    static func current(swiftBinary: String) async -> MachineDescription {
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let swift = try? await ChildProcess.output(
            "/bin/sh", ["-c", "\"$0\" --version", swiftBinary], timeoutSeconds: 30, includeErrors: true)
        let kernel = try? await ChildProcess.output("/bin/uname", ["-r"], timeoutSeconds: 10)
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ")
        let nproc = try? await ChildProcess.output("/usr/bin/nproc", [], timeoutSeconds: 10)

        let memoryKilobytes = value(of: "MemTotal", in: meminfo).flatMap { Int($0.split(separator: " ").first ?? "") }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let osName = value(of: "PRETTY_NAME", in: release, separator: "=")?.trimmingCharacters(
            in: CharacterSet(charactersIn: "\""))
        return MachineDescription(
            cores: nproc.flatMap { Int($0.output.trimmingCharacters(in: .whitespacesAndNewlines)) }
                ?? ProcessInfo.processInfo.activeProcessorCount,
            memory: memoryKilobytes.map { String(format: "%.1f GiB", Double($0) / 1_048_576) } ?? "unknown",
            cpuModel: value(of: "model name", in: cpuinfo) ?? "unknown",
            operatingSystem: [
                osName, kernel.map { "Linux " + $0.output.trimmingCharacters(in: .whitespacesAndNewlines) },
            ]
            .compactMap { $0 }.joined(separator: ", "),
            swiftVersion: swift?.output.split(separator: "\n").first.map(String.init) ?? "unknown",
            date: formatter.string(from: Date()), loadAverage: load ?? "unknown")
    }

    /// Returns the value after the first `name:` (or `name=`) line in a `/proc` or `/etc` file.
    static func value(of name: String, in text: String, separator: Character = ":") -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: separator, maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    func markdown() -> String {
        """
        - date: \(date)
        - cores (nproc): \(cores)
        - memory: \(memory)
        - CPU: \(cpuModel)
        - OS: \(operatingSystem)
        - Swift: \(swiftVersion)
        - load average before the run (1, 5, 15 min): \(loadAverage)

        """
    }
}
