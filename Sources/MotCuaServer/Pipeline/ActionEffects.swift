import MotCuaCore
import MotCuaStorage

/// The writes the actions of one event request; they go into the event's `ProcessingCommit`, so an
/// event's effects are stored together or not at all.
struct ActionEffects: Sendable {
    var dossiers: [Dossier] = []
    var reports: [FieldReport] = []
    var subscription: SubscriptionChange?
    var deletesCitizenData = false
}
