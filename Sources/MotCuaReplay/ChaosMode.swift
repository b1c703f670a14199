/// A disturbance the replay adds to every fixture; the replies must stay the same under it.
public enum ChaosMode: String, Sendable, CaseIterable, Hashable {
    /// Every event is delivered twice with the same event id, and the store must ignore the copy.
    case duplicate
    /// The engine state in memory is dropped before each turn and loaded again from the store.
    case restart
    /// The events of consecutive message turns are all stored before the first one is processed.
    case burst
}
