import Foundation
import MotCuaCore
import Testing

struct BroadcastRulesTests {
    static let creator = BroadcastActor(id: "cb-creator", role: .officer)
    static let second = BroadcastActor(id: "cb-second", role: .officer)
    static let admin = BroadcastActor(id: "cb-admin", role: .admin)
    static let viewer = BroadcastActor(id: "cb-viewer", role: .viewer)

    static func broadcast(_ state: BroadcastState, started: Bool = false) -> Broadcast {
        Broadcast(
            id: 1, text: "Thông báo", audience: BroadcastAudience(), createdBy: creator.id, state: state,
            createdAt: Date(timeIntervalSince1970: 0), startedAt: started ? Date(timeIntervalSince1970: 10) : nil)
    }

    struct Case: Sendable, CustomStringConvertible {
        var command: BroadcastAction
        var state: BroadcastState
        var actor: BroadcastActor
        var started = false
        var expected: Result<BroadcastState, BroadcastRejection>

        var description: String { "\(command) from \(state) by \(actor.id)" }
    }

    static let cases: [Case] = [
        Case(command: .submit, state: .draft, actor: creator, expected: .success(.awaitingApproval)),
        Case(command: .approve, state: .awaitingApproval, actor: second, expected: .success(.scheduled)),
        Case(command: .approve, state: .awaitingApproval, actor: creator, expected: .failure(.creatorCannotApprove)),
        Case(
            command: .approve, state: .awaitingApproval, actor: viewer,
            expected: .failure(.roleNotAllowed(.viewer, .approve))),
        Case(
            command: .approve, state: .scheduled, actor: second, expected: .failure(.invalidState(.scheduled, .approve))
        ),
        Case(command: .pause, state: .running, actor: creator, expected: .success(.paused)),
        Case(command: .pause, state: .scheduled, actor: second, expected: .success(.paused)),
        Case(
            command: .pause, state: .awaitingApproval, actor: creator,
            expected: .failure(.invalidState(.awaitingApproval, .pause))),
        Case(command: .resume, state: .paused, actor: creator, started: true, expected: .success(.running)),
        Case(command: .resume, state: .paused, actor: creator, started: false, expected: .success(.scheduled)),
        Case(command: .resume, state: .running, actor: creator, expected: .failure(.invalidState(.running, .resume))),
        Case(command: .cancel, state: .running, actor: admin, expected: .success(.cancelled)),
        Case(command: .cancel, state: .awaitingApproval, actor: creator, expected: .success(.cancelled)),
        Case(command: .cancel, state: .completed, actor: admin, expected: .success(.cancelled)),
        Case(command: .cancel, state: .cancelled, actor: admin, expected: .failure(.invalidState(.cancelled, .cancel))),
        Case(command: .cancel, state: .running, actor: viewer, expected: .failure(.roleNotAllowed(.viewer, .cancel))),
    ]

    @Test(arguments: cases) func transition(_ item: Case) {
        let rules = BroadcastRules()
        let result = rules.apply(item.command, to: Self.broadcast(item.state, started: item.started), by: item.actor)
        #expect(result == item.expected)
    }

    @Test func approvalOffSkipsAwaiting() {
        let rules = BroadcastRules(requiresApproval: false)
        #expect(rules.stateForNew(emergency: false, by: Self.creator) == .success(.scheduled))
        #expect(rules.apply(.submit, to: Self.broadcast(.draft), by: Self.creator) == .success(.scheduled))
    }

    @Test(arguments: [
        (BroadcastActor.Role.admin, false, Result<BroadcastState, BroadcastRejection>.success(.awaitingApproval)),
        (.officer, false, .success(.awaitingApproval)),
        (.admin, true, .success(.awaitingApproval)),
        (.officer, true, .failure(.emergencyNotAllowed(.officer))),
        (.viewer, false, .failure(.roleNotAllowed(.viewer, .submit))),
    ])
    func creation(role: BroadcastActor.Role, emergency: Bool, expected: Result<BroadcastState, BroadcastRejection>) {
        let rules = BroadcastRules()
        #expect(rules.stateForNew(emergency: emergency, by: BroadcastActor(id: "x", role: role)) == expected)
    }

    @Test func emergencyRolesAreConfigurable() {
        let rules = BroadcastRules(emergencyRoles: [.admin, .officer])
        #expect(rules.stateForNew(emergency: true, by: Self.creator) == .success(.awaitingApproval))
    }

    /// 2026-03-01 at `hour`:`minute` in Vietnam (UTC+7).
    static func vietnam(_ hour: Int, _ minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_772_298_000 + Double(hour * 3600 + minute * 60))
    }

    @Test(arguments: [
        (10, false, true), (22, false, false), (22, true, true), (5, false, false), (6, false, true),
    ])
    func startRespectsQuietHours(hour: Int, emergency: Bool, starts: Bool) {
        var broadcast = Self.broadcast(.scheduled)
        broadcast.emergency = emergency
        let rules = BroadcastRules()
        #expect(rules.shouldStart(broadcast, now: Self.vietnam(hour), quietHours: .vietnamNight) == starts)
    }

    @Test func startWaitsForScheduledTime() {
        var broadcast = Self.broadcast(.scheduled)
        broadcast.scheduledAt = Self.vietnam(14)
        let rules = BroadcastRules()
        #expect(!rules.shouldStart(broadcast, now: Self.vietnam(13, 59), quietHours: .vietnamNight))
        #expect(rules.shouldStart(broadcast, now: Self.vietnam(14), quietHours: .vietnamNight))
        broadcast.state = .awaitingApproval
        #expect(!rules.shouldStart(broadcast, now: Self.vietnam(15), quietHours: .vietnamNight))
    }
}
