import Foundation
import MotCuaChannels
import MotCuaHTTP

/// The terminal side of the demo: each line becomes a signed Zalo webhook.
struct DemoChat {
    let serverURL: String
    let userID: String
    let settings: ZaloSettings
    let replies: ReplyPrinter

    func run() -> Int32 {
        let client: HTTPClient
        do {
            client = try HTTPClient()
        } catch {
            CommandLineError.report("không tạo được HTTP client: \(error)")
            return 2
        }
        defer { client.shutdown() }

        var sequence = 0
        let runID = String(Int(Date().timeIntervalSince1970), radix: 36)
        prompt()
        while let line = readLine() {
            replies.promptChanged(shown: false)
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "/thoat" || text == "/quit" { break }
            guard !text.isEmpty else {
                prompt()
                continue
            }
            sequence += 1
            let msgID = "demo-\(runID)-\(sequence)"
            let millis = Int64(Date().timeIntervalSince1970 * 1000)
            guard let signed = webhook(for: text, msgID: msgID, millis: millis) else {
                prompt()
                continue
            }
            let before = replies.received
            let status = post(signed, client: client)
            if status == 200 {
                waitForReplies(after: before)
            } else {
                FileHandleOutput.standardOutput("(server trả về HTTP \(status))\n")
            }
            prompt()
        }
        FileHandleOutput.standardOutput("\nTạm biệt!\n")
        return 0
    }

    private func prompt() {
        FileHandleOutput.standardOutput("Bạn: ")
        replies.promptChanged(shown: true)
    }

    private func webhook(for text: String, msgID: String, millis: Int64) -> ZaloWebhookBuilder.SignedBody? {
        let words = text.split(separator: " ").map(String.init)
        switch words.first {
        case "/anh":
            guard words.count == 2 else {
                FileHandleOutput.standardOutput("Cách dùng: /anh URL\n")
                return nil
            }
            return ZaloWebhookBuilder.imageEvent(
                url: words[1], caption: nil, userID: userID, msgID: msgID, timestampMillis: millis, settings: settings)
        case "/vitri":
            guard words.count == 3, let latitude = Double(words[1]), let longitude = Double(words[2]) else {
                FileHandleOutput.standardOutput("Cách dùng: /vitri VĨ_ĐỘ KINH_ĐỘ, ví dụ: /vitri 11.31 106.10\n")
                return nil
            }
            return ZaloWebhookBuilder.locationEvent(
                latitude: latitude, longitude: longitude, userID: userID, msgID: msgID, timestampMillis: millis,
                settings: settings)
        default:
            return ZaloWebhookBuilder.textEvent(
                text: text, userID: userID, msgID: msgID, timestampMillis: millis, settings: settings)
        }
    }

    /// Posts the webhook and returns the HTTP status, or 0 when the server could not be reached.
    private func post(_ signed: ZaloWebhookBuilder.SignedBody, client: HTTPClient) -> Int {
        let request = HTTPClientRequest(
            method: "POST", url: serverURL,
            headers: [
                (name: "Content-Type", value: "application/json"),
                (name: ZaloWebhook.signatureHeaderName, value: signed.signature),
            ], body: signed.body)
        let result = BlockingResult<Int>()
        Task {
            do {
                result.set(try await client.send(request).status)
            } catch {
                FileHandleOutput.standardOutput("(không gửi được tới server: \(error))\n")
                result.set(0)
            }
        }
        return result.wait()
    }

    /// Waits until replies stop arriving for a moment. The bot may stay silent (during a handoff,
    /// for example), so with no reply after 1.5 seconds the prompt comes back.
    private func waitForReplies(after before: Int) {
        let firstReplyDeadline = Date().addingTimeInterval(1.5)
        let deadline = Date().addingTimeInterval(5)
        var last = replies.received
        var quietSince = Date()
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            let now = replies.received
            if now == before, Date() > firstReplyDeadline { return }
            if now != last {
                last = now
                quietSince = Date()
            } else if now > before, Date().timeIntervalSince(quietSince) > 0.4 {
                return
            }
        }
    }
}

/// Hands one value from a task to a waiting thread.
final class BlockingResult<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is written once before the semaphore is signalled and read after it.
    private var value: Value?
    private let semaphore = DispatchSemaphore(value: 0)

    func set(_ newValue: Value) {
        value = newValue
        semaphore.signal()
    }

    func wait() -> Value {
        semaphore.wait()
        return value!
    }
}
