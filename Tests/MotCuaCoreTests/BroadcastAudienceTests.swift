import Foundation
import Testing

@testable import MotCuaCore

struct BroadcastAudienceTests {
    static func subscriber(commune: String) -> Subscription {
        Subscription(
            conversationID: ConversationID(channel: .zalo, userID: "u1"), commune: commune, topics: ["y-te"],
            createdAt: Date(timeIntervalSince1970: 0))
    }

    /// Officials type a commune with or without its unit word and diacritics; subscriptions store the
    /// directory's full name.
    @Test(arguments: ["Bình Hòa", "xa binh hoa", "Xã Bình Hòa", "BÌNH HOÀ", "x. Bình Hòa"])
    func communeMatchesFullName(typed: String) {
        let audience = BroadcastAudience(communes: [typed])
        #expect(audience.includes(Self.subscriber(commune: "Xã Bình Hòa")))
    }

    @Test func communeOfOtherKindDoesNotMatch() {
        let audience = BroadcastAudience(communes: ["Phường Bình Hòa"])
        #expect(!audience.includes(Self.subscriber(commune: "Xã Bình Hòa")))
    }

    @Test func otherCommuneDoesNotMatch() {
        let audience = BroadcastAudience(communes: ["Bình Hòa"])
        #expect(!audience.includes(Self.subscriber(commune: "Xã Bình Hiệp")))
        #expect(!audience.includes(Self.subscriber(commune: "Xã Bình Thành")))
    }

    @Test func wholeProvinceSubscriberMatches() {
        let audience = BroadcastAudience(communes: ["Bình Hòa"])
        #expect(audience.includes(Self.subscriber(commune: "")))
    }

    @Test(arguments: ["Bình Hòa", "xa binh hoa", "Xã Bình Hòa", "binh hoaa"])
    func resolvingGivesDirectoryName(typed: String) throws {
        let audience = BroadcastAudience(communes: [typed, "Tân Ninh"], topics: ["y-te"])
        let resolved = try audience.resolvingCommunes(in: InputCommuneTests.directory).get()
        #expect(resolved.communes == ["Xã Bình Hòa", "Phường Tân Ninh"])
        #expect(resolved.topics == ["y-te"])
    }

    @Test func resolvingDropsRepeatedCommune() throws {
        let audience = BroadcastAudience(communes: ["Bình Hòa", "Xã Bình Hòa"])
        let resolved = try audience.resolvingCommunes(in: InputCommuneTests.directory).get()
        #expect(resolved.communes == ["Xã Bình Hòa"])
    }

    @Test func resolvingUnknownCommuneSuggestsCloseNames() {
        let audience = BroadcastAudience(communes: ["Bình Phú"])
        guard case .failure(let error) = audience.resolvingCommunes(in: InputCommuneTests.directory) else {
            Issue.record("an unknown commune was accepted")
            return
        }
        #expect(error.value == "Bình Phú")
        #expect(error.suggestions.first == "Xã Bình Hòa")
        #expect(error.suggestions.count <= 3)
    }

    @Test func resolvingAmbiguousCommuneListsCandidates() {
        let audience = BroadcastAudience(communes: ["TP Tây Ninh"])
        guard case .failure(let error) = audience.resolvingCommunes(in: InputCommuneTests.directory) else {
            Issue.record("an ambiguous commune was accepted")
            return
        }
        #expect(error.isAmbiguous)
        #expect(error.suggestions == ["Phường Tân Ninh", "Phường Bình Minh"])
    }
}
