import Foundation
import Testing

/// Runs `motcua demo` with no chat input, so it prints its instructions and exits.
@Suite(.serialized)
struct DemoCommandTests {
    static let environment = ["MOTCUA_LISTEN": "127.0.0.1:0"]

    @Test func printedCommandsUseBinaryPath() throws {
        let run = try ServeProcessTests.run(["demo"], environment: Self.environment)
        #expect(run.status == 0)
        let executable = try #require(ServeProcessTests.executable).standardizedFileURL.path
        #expect(run.output.contains("\(executable) broadcast create"))
        #expect(run.output.contains("\(executable) broadcast approve 1"))
        #expect(!run.output.contains(" motcua broadcast"))
    }

    @Test func adminTokenAllowsEmergency() throws {
        let run = try ServeProcessTests.run(["demo"], environment: Self.environment)
        #expect(run.output.contains("MOTCUA_TOKEN=demo-admin-token-0003"))
        #expect(run.output.contains("--emergency"))
        #expect(run.output.contains("--quiet-hours 06:00-23:00"))
    }

    @Test func quietHoursOptionIsApplied() throws {
        let run = try ServeProcessTests.run(["demo", "--quiet-hours", "06:00-23:00"], environment: Self.environment)
        #expect(run.status == 0)
        #expect(run.output.contains("Giờ yên lặng: 06:00-23:00"))
    }

    @Test func invalidQuietHoursExitTwo() throws {
        let run = try ServeProcessTests.run(["demo", "--quiet-hours", "6h-23h"], environment: Self.environment)
        #expect(run.status == 2)
        #expect(run.errors.contains("'6h-23h'"))
    }
}
