import Foundation
import MotCuaChannels

/// Settings the fixtures are signed with; the README next to the fixtures names the same values.
let testSettings = ZaloSettings(
    appID: "APP_ID_TEST", oaID: "OA_ID_TEST", signatureSecret: "OA_SECRET_TEST", apiBase: "http://127.0.0.1:9",
    accessToken: "ACCESS_TOKEN_TEST")

/// The package root, found from this file's path, so tests read fixtures from the checkout.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

func zaloFixture(_ name: String) throws -> [UInt8] {
    let url = packageRoot.appendingPathComponent("fixtures/webhooks/zalo/\(name).json")
    return Array(try Data(contentsOf: url))
}

/// Catches a `ChannelError`, so a test can check its code and message.
func channelError(_ operation: () throws -> Void) -> ChannelError? {
    do {
        try operation()
        return nil
    } catch let error as ChannelError {
        return error
    } catch {
        return nil
    }
}
