import Foundation
import MotCuaCore
import MotCuaServer
import Testing

struct BroadcastConfigurationTests {
    @Test func defaultsNeedApprovalAtNight() throws {
        let broadcast = try Configuration.load(file: nil, environment: [:]).broadcast

        #expect(broadcast.rules.requiresApproval)
        #expect(broadcast.rules.emergencyRoles == [.admin])
        #expect(broadcast.quietHours.text == "21:00-06:00")
        #expect(broadcast.quietHours.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(broadcast.batchSize == 50)
    }

    @Test func fileKeysSetBroadcast() throws {
        let yaml = """
            broadcast:
              approval: off
              quiet_hours: "22:30-05:00"
              time_zone: Asia/Bangkok
              emergency_roles: admin,officer
              zalo_per_second: 10
              batch_size: 20
              lease_seconds: 30
              max_attempts: 3
            """
        let file = try ConfigurationTests.write(yaml)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let broadcast = try Configuration.load(file: file, environment: [:]).broadcast

        #expect(!broadcast.rules.requiresApproval)
        #expect(broadcast.quietHours.text == "22:30-05:00")
        #expect(broadcast.quietHours.timeZone.identifier == "Asia/Bangkok")
        #expect(broadcast.rules.emergencyRoles == [.admin, .officer])
        #expect(broadcast.perSecond[.zalo] == 10)
        #expect(broadcast.batchSize == 20)
        #expect(broadcast.leaseSeconds == 30)
        #expect(broadcast.maxAttempts == 3)
    }

    @Test(arguments: [
        ("broadcast:\n  approval: maybe\n", "broadcast.approval"),
        ("broadcast:\n  quiet_hours: \"9pm-6am\"\n", "broadcast.quiet_hours"),
        ("broadcast:\n  time_zone: Mars/Olympus\n", "broadcast.time_zone"),
        ("broadcast:\n  emergency_roles: viewer\n", "broadcast.emergency_roles"),
        ("broadcast:\n  telegram_per_second: 0\n", "broadcast.telegram_per_second"),
        ("broadcast:\n  lease_seconds: 10\n", "broadcast.lease_seconds"),
        ("broadcast:\n  colour: red\n", "broadcast.colour"),
    ])
    func invalidValueNamesKey(yaml: String, key: String) throws {
        let file = try ConfigurationTests.write(yaml)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: [:])
        }
        #expect(error?.key == key)
    }

    @Test(arguments: [("5", "'5' phải lớn hơn"), ("2.5", "'2.5' phải lớn hơn")])
    func shortLeaseEchoesValueAsTyped(typed: String, expected: String) throws {
        let file = try ConfigurationTests.write("broadcast:\n  lease_seconds: \(typed)\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: [:])
        }
        #expect(error?.message.hasPrefix(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(".0") == false, "\(error?.message ?? "")")
    }
}
