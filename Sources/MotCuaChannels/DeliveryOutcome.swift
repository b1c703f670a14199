/// The outbox's reading of a platform's response to a send request.
///
/// Reasons name status codes and platform error codes, never message text or tokens.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered(platformMessageID: String?)
    /// A transient failure. `after` is the delay in seconds the platform requested, if it sent one.
    case retry(after: Double?, reason: String)
    /// The access token is invalid or expired, so the caller refreshes it and sends again once.
    case tokenExpired(reason: String)
    /// The message can never be delivered as it is, so it must not be retried.
    case permanent(reason: String)
}
