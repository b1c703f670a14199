import Foundation
import MotCuaServer
import Testing

struct ConfigurationLimitsTests {
    @Test func defaultsFollowPlatformLimits() throws {
        let limits = try Configuration.load(file: nil, environment: [:]).limits

        #expect(abs(limits.zalo.perSecond * 60 - 4_000) < 1e-6)
        #expect(limits.telegram.perSecond == 30)
        #expect(limits.perRecipientPerSecond == 1)
    }

    @Test func fileKeysSetLimits() throws {
        let yaml = """
            limits:
              zalo:
                per_second: 10
                burst: 20
              telegram:
                per_second: 5.5
              messenger:
                burst: 4
              per_recipient_per_second: 0
            """
        let file = try ConfigurationTests.write(yaml)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let limits = try Configuration.load(file: file, environment: [:]).limits

        #expect(limits.zalo == .init(perSecond: 10, burst: 20))
        #expect(limits.telegram.perSecond == 5.5)
        #expect(limits.messenger.burst == 4)
        #expect(limits.perRecipientPerSecond == 0)
    }

    @Test(arguments: [
        ("limits:\n  zalo:\n    per_second: 0\n", "limits.zalo.per_second"),
        ("limits:\n  telegram:\n    burst: 0.5\n", "limits.telegram.burst"),
        ("limits:\n  messenger:\n    per_second: inf\n", "limits.messenger.per_second"),
        ("limits:\n  per_recipient_per_second: -1\n", "limits.per_recipient_per_second"),
        ("limits:\n  per_recipient_per_second: nhanh\n", "limits.per_recipient_per_second"),
    ])
    func invalidLimitNamesKey(yaml: String, key: String) throws {
        let file = try ConfigurationTests.write(yaml)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: file, environment: [:])
        }
        #expect(error?.key == key)
    }
}
