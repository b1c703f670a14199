import Foundation
import MotCuaChannels

/// Signed Zalo `user_send_text` webhooks for many users, written one per line as
/// `signature<TAB>body` for the generated wrk script to read.
struct SignedEvents {
    static let appID = "BENCH_APP_ID"
    static let oaID = "BENCH_OA_ID"
    static let secret = "BENCH_OA_SECRET"
    static let accessToken = "BENCH_ACCESS_TOKEN"

    static var settings: ZaloSettings {
        ZaloSettings(appID: appID, oaID: oaID, signatureSecret: secret, accessToken: accessToken)
    }

    /// Returns the Zalo user id of user number `index`; ids are numeric strings like Zalo's.
    static func userID(_ index: Int, run: String) -> String {
        "\(run)\(String(format: "%012d", index))"
    }

    /// Writes `count` events spread round-robin over `users` users, each with a unique `msg_id`
    /// so that the server's duplicate check stores every one. `run` keeps ids of runs apart.
    static func write(
        count: Int, users: Int, text: String, run: String, to path: String, nowMillis: Int64
    ) throws {
        var output = [UInt8]()
        output.reserveCapacity(count * 420)
        for index in 0..<count {
            let signed = ZaloWebhookBuilder.textEvent(
                text: text, userID: userID(index % users, run: run), msgID: "bench-\(run)-\(index)",
                timestampMillis: nowMillis + Int64(index / users), settings: settings)
            output += Array(signed.signature.utf8)
            output.append(UInt8(ascii: "\t"))
            output += signed.body
            output.append(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(output)) else {
            throw BenchError("không ghi được tệp sự kiện \(path)")
        }
    }
}
