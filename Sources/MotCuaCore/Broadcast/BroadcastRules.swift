import Foundation

/// An official acting on a broadcast: a stable id derived from their admin token and their role.
public struct BroadcastActor: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        case admin
        case officer
        case viewer
    }

    public var id: String
    public var role: Role

    public init(id: String, role: Role) {
        self.id = id
        self.role = role
    }
}

/// A change an official requests on a broadcast.
public enum BroadcastAction: String, Sendable, Equatable {
    case submit
    case approve
    case pause
    case resume
    case cancel
}

/// The reason a requested change was rejected.
public enum BroadcastRejection: Sendable, Equatable, Error {
    /// The role may not do this at all.
    case roleNotAllowed(BroadcastActor.Role, BroadcastAction)
    /// The creator tried to approve their own broadcast while approval needs a second official.
    case creatorCannotApprove
    case emergencyNotAllowed(BroadcastActor.Role)
    /// The command does not apply in the broadcast's current state.
    case invalidState(BroadcastState, BroadcastAction)
}

/// The broadcast state machine and its permissions. Pure: callers pass the time and the actor.
public struct BroadcastRules: Sendable, Equatable {
    /// Whether a second official must approve before sending starts.
    public var requiresApproval: Bool
    /// Roles allowed to create or approve broadcasts, or to pause, resume and cancel them.
    public var writerRoles: Set<BroadcastActor.Role>
    /// Roles allowed to set the emergency flag.
    public var emergencyRoles: Set<BroadcastActor.Role>

    public init(
        requiresApproval: Bool = true, writerRoles: Set<BroadcastActor.Role> = [.admin, .officer],
        emergencyRoles: Set<BroadcastActor.Role> = [.admin]
    ) {
        self.requiresApproval = requiresApproval
        self.writerRoles = writerRoles
        self.emergencyRoles = emergencyRoles
    }

    /// Checks that `actor` may create a broadcast with this emergency flag and returns the state it
    /// starts in: awaiting approval, or scheduled when approval is off.
    public func stateForNew(emergency: Bool, by actor: BroadcastActor) -> Result<BroadcastState, BroadcastRejection> {
        guard writerRoles.contains(actor.role) else {
            return .failure(.roleNotAllowed(actor.role, .submit))
        }
        if emergency, !emergencyRoles.contains(actor.role) {
            return .failure(.emergencyNotAllowed(actor.role))
        }
        return .success(requiresApproval ? .awaitingApproval : .scheduled)
    }

    /// Returns the state after `command`, or why the command is rejected.
    public func apply(_ command: BroadcastAction, to broadcast: Broadcast, by actor: BroadcastActor) -> Result<
        BroadcastState, BroadcastRejection
    > {
        guard writerRoles.contains(actor.role) else {
            return .failure(.roleNotAllowed(actor.role, command))
        }
        let state = broadcast.state
        switch (command, state) {
        case (.submit, .draft):
            return .success(requiresApproval ? .awaitingApproval : .scheduled)
        case (.approve, .awaitingApproval):
            guard actor.id != broadcast.createdBy else { return .failure(.creatorCannotApprove) }
            return .success(.scheduled)
        case (.pause, .scheduled), (.pause, .running):
            return .success(.paused)
        case (.resume, .paused):
            // A paused broadcast that never started goes back to waiting for its time.
            return .success(broadcast.startedAt == nil ? .scheduled : .running)
        case (.cancel, let current) where current != .cancelled:
            // Cancelling a completed broadcast stops the deliveries still waiting for citizens.
            return .success(.cancelled)
        default:
            return .failure(.invalidState(state, command))
        }
    }

    /// Returns whether the worker may fix the audience and start sending at `now`: the broadcast
    /// is scheduled, its time has come, and quiet hours allow it.
    public func shouldStart(_ broadcast: Broadcast, now: Date, quietHours: QuietHours) -> Bool {
        guard broadcast.state == .scheduled else { return false }
        if let at = broadcast.scheduledAt, at > now { return false }
        return broadcast.emergency || !quietHours.contains(now)
    }
}
