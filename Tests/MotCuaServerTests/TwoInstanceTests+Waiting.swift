import Foundation
import MotCuaReplay

extension TwoInstanceTests {
    /// One reply taken by a mock, with the index of the instance whose mock took it.
    struct Arrival {
        let instance: Int
        let time: Date
        let message: MockZaloAPI.ReceivedMessage
    }

    /// Merges every mock's replies in arrival order.
    static func arrivals(_ mocks: [MockZaloAPI]) -> [Arrival] {
        mocks.enumerated().flatMap { index, mock in
            zip(mock.arrivalTimes, mock.messages).map { Arrival(instance: index, time: $0.0, message: $0.1) }
        }
        .sorted { $0.time < $1.time }
    }

    /// Waits until the database records as delivered every reply that the doomed instance's mock
    /// took. A citizen's replies are sent one at a time in outbox order, so when the doomed mock
    /// took a citizen's k-th reply, rows 1…k of that citizen must be delivered. Returns false
    /// after 20 s.
    static func waitUntilAcknowledged(mocks: [MockZaloAPI], doomed: Int, database: TwoInstanceDatabase) async -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            var required: [String: Int] = [:]
            for (recipient, replies) in Dictionary(grouping: arrivals(mocks), by: \.message.recipient) {
                if let last = replies.lastIndex(where: { $0.instance == doomed }) {
                    required[recipient] = last + 1
                }
            }
            if let delivered = try? database.deliveredCounts(),
                required.allSatisfy({ delivered[$0.key, default: 0] >= $0.value })
            {
                return true
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits until no inbox event or outbox reply is pending and the mocks took no reply for 2 s.
    /// Returns false when that does not happen within `timeout` seconds.
    static func waitForQuiescence(mocks: [MockZaloAPI], database: TwoInstanceDatabase, timeout: TimeInterval) async
        -> Bool
    {
        let deadline = Date().addingTimeInterval(timeout)
        var lastCount = -1
        var stableSince = Date()
        while Date() < deadline {
            let count = mocks.map(\.messages.count).reduce(0, +)
            if count != lastCount {
                lastCount = count
                stableSince = Date()
            }
            let pending = try? database.pendingCounts()
            if let pending, pending.inbox == 0, pending.outbox == 0, Date().timeIntervalSince(stableSince) >= 2 {
                return true
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    /// Describes, for each citizen, the replies expected and received and their database rows.
    static func diagnose(
        _ users: some Sequence<Int>, reference: [String], mocks: [MockZaloAPI], database: TwoInstanceDatabase
    ) -> String {
        let byUser = Dictionary(grouping: arrivals(mocks), by: \.message.recipient)
        let expected = reference.map { String($0.prefix(40)) }
        var lines: [String] = ["expected, as citizen 0 got them: \(expected)"]
        for user in users {
            let userID = userID(user)
            let received = (byUser[userID] ?? []).map { arrival in
                "instance \(arrival.instance) at \(arrival.time.timeIntervalSince1970): \(arrival.message.text.prefix(40))"
            }
            lines.append("citizen \(user) (\(userID)) received \(received.count) replies:")
            lines += received.map { "  " + $0 }
            do {
                lines += try database.describeRows(of: userID).map { "  " + $0 }
            } catch {
                lines.append("  reading rows failed: \(error)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
