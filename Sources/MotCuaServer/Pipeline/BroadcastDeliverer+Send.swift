import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaStorage
import Synchronization

extension BroadcastDeliverer {
    /// Sends every recipient of `claim` concurrently and waits for all outcomes.
    func send(_ claim: Claim) -> [ChannelOutcome] {
        guard !claim.recipients.isEmpty else { return [] }
        let done = DispatchSemaphore(value: 0)
        let results = SendResults()
        Task { [self] in
            results.set(await sendConcurrently(claim))
            done.signal()
        }
        done.wait()
        return results.value
    }

    /// Requests of one claim handed to libcurl at once. libcurl's multi handle removes a finished
    /// transfer in time linear in the transfers it contains, so handing it a whole claim of
    /// thousands made that removal the largest cost of a fan-out.
    static let concurrentSends = 32

    /// Sends every recipient of `claim` in one task group, at most `concurrentSends` at a time.
    func sendConcurrently(_ claim: Claim) async -> [ChannelOutcome] {
        await withTaskGroup(of: ChannelOutcome.self) { group in
            var pending = zip(claim.recipients, claim.messages).makeIterator()
            func addNext() -> Bool {
                guard let (recipient, message) = pending.next() else { return false }
                group.addTask { [self] in
                    (await deliver(message, to: recipient), recipient.conversationID.channel)
                }
                return true
            }

            var started = 0
            while started < Self.concurrentSends, addNext() { started += 1 }
            var outcomes: [ChannelOutcome] = []
            outcomes.reserveCapacity(claim.recipients.count)
            for await outcome in group {
                outcomes.append(outcome)
                _ = addNext()
            }
            return outcomes
        }
    }

    private func deliver(_ message: OutboundMessage, to recipient: BroadcastRecipient) async -> RecipientOutcome {
        let userID = recipient.conversationID.userID
        let requests: [OutboundHTTPRequest]
        let classify: @Sendable (Int, [String: String], [UInt8]) -> DeliveryOutcome
        switch recipient.conversationID.channel {
        case .zalo:
            guard var zalo = channels.zalo else {
                return .failed(recipientID: recipient.id, reason: "channel_disabled")
            }
            if let zaloTokens { zalo.accessToken = await zaloTokens.accessToken() }
            requests = ZaloSender.requests(for: message, to: userID, settings: zalo)
            classify = { ZaloSender.classify(status: $0, headers: $1, body: $2) }
        case .telegram:
            guard let telegram = channels.telegram else {
                return .failed(recipientID: recipient.id, reason: "channel_disabled")
            }
            requests = TelegramSender.requests(for: message, chatID: userID, settings: telegram)
            classify = { TelegramSender.classify(status: $0, headers: $1, body: $2) }
        case .messenger:
            guard let messenger = channels.messenger else {
                return .failed(recipientID: recipient.id, reason: "channel_disabled")
            }
            requests = MessengerSender.requests(for: message, recipientID: userID, settings: messenger)
            classify = { MessengerSender.classify(status: $0, headers: $1, body: $2) }
        }

        var sentParts = 0
        for request in requests {
            let outcome: DeliveryOutcome
            do {
                let response = try await client.send(
                    HTTPClientRequest(
                        method: request.method, url: request.url,
                        headers: request.headers.map { (name: $0.key, value: $0.value) }, body: request.body))
                outcome = classify(response.status, response.headers, response.body)
            } catch {
                outcome = .retry(after: nil, reason: "\(error)")
            }
            if case .delivered = outcome {
                sentParts += 1
                continue
            }
            return failure(outcome, recipient: recipient, sentParts: sentParts)
        }
        return .sent(recipientID: recipient.id)
    }

    /// Maps a failed request to an outcome. A retry is allowed only while no part was delivered,
    /// so a citizen never gets the first part twice.
    private func failure(_ outcome: DeliveryOutcome, recipient: BroadcastRecipient, sentParts: Int)
        -> RecipientOutcome
    {
        let id = recipient.id
        switch outcome {
        case .delivered:
            return .sent(recipientID: id)
        case .permanent(let reason):
            return Self.isBlocked(reason, channel: recipient.conversationID.channel)
                ? .blocked(recipientID: id, reason: "blocked") : .failed(recipientID: id, reason: reason)
        case .retry(let after, let reason):
            return retry(recipient, after: after, reason: reason, sentParts: sentParts)
        case .tokenExpired(let reason):
            return retry(recipient, after: nil, reason: reason, sentParts: sentParts)
        }
    }

    /// Queues the recipient again with exponential backoff, or fails it after the last attempt or
    /// when part of a long message was already delivered.
    /// NOTE: a timeout or a 5xx may hide a request the platform accepted, so a retry after one can
    /// deliver the announcement twice. No platform offers a deduplication key to prevent it.
    private func retry(_ recipient: BroadcastRecipient, after: Double?, reason: String, sentParts: Int)
        -> RecipientOutcome
    {
        let id = recipient.id
        guard sentParts == 0, recipient.attempts < settings.maxAttempts else {
            return .failed(recipientID: id, reason: sentParts > 0 ? "partly_sent: \(reason)" : reason)
        }
        let delay = max(after ?? 0, min(300, 2 * pow(2, Double(recipient.attempts))))
        logger.warning(
            "broadcast send will be retried",
            ["broadcast.id": "\(recipient.broadcastID)", "recipient.id": "\(id)", "reason": reason])
        return .retry(recipientID: id, nextAttemptAt: clock().addingTimeInterval(delay), reason: reason)
    }

    /// Telegram returns 403 when the citizen blocked the bot, and Zalo returns -217 when they
    /// blocked the Official Account.
    static func isBlocked(_ reason: String, channel: ChannelKind) -> Bool {
        switch channel {
        case .telegram: return reason.contains("403")
        case .zalo: return reason.contains("-217")
        case .messenger: return false
        }
    }
}

/// The outcomes of one claim, handed from the sending task to the waiting thread.
private final class SendResults: Sendable {
    private let outcomes = Mutex<[BroadcastDeliverer.ChannelOutcome]>([])

    func set(_ value: [BroadcastDeliverer.ChannelOutcome]) { outcomes.withLock { $0 = value } }

    var value: [BroadcastDeliverer.ChannelOutcome] { outcomes.withLock { $0 } }
}
