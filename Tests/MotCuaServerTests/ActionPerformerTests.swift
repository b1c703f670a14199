import Foundation
import MotCuaCore
import MotCuaStorage
import MotCuaYAML
import Testing

@testable import MotCuaServer

/// Each built-in action with a real SQLite file and the repository's messages.
struct ActionPerformerTests {
    static let citizen = ConversationID(channel: .zalo, userID: "8000000000000000009")
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    /// Runs `body` with a performer on a fresh database; the folder is removed afterwards.
    static func withPerformer(_ body: (ActionPerformer, SQLiteStore) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-actions-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        defer { store.close() }
        let templates = try TemplateLoader.load(
            folder: ServiceHarness.repositoryRoot.appendingPathComponent("templates").path)
        let performer = ActionPerformer(
            store: store, messages: templates.messages, catalog: templates.catalog,
            logger: Logger(label: "test", sink: .memory()))
        try body(performer, store)
    }

    /// Performs `name` as a step of the flow `flowID` would.
    static func perform(
        _ performer: ActionPerformer, _ name: String, _ slots: [String: String] = [:], flowID: String = "tien-ich",
        effects: inout ActionEffects
    ) throws -> [String: String] {
        try performer.perform(
            name, flow: (flowID, "1"), slots: slots, conversation: citizen, now: now, effects: &effects)
    }

    /// Commits `effects` as the processing of one stored event, as the processor does.
    static func commit(_ effects: ActionEffects, to store: SQLiteStore, eventID: String) throws {
        let event = InboundEvent(
            channel: .zalo, eventID: eventID, userID: citizen.userID, timestampMillis: 1, content: .text("x"))
        _ = try store.insertInbound(event, receivedAt: now)
        let sequence = try #require(try store.pendingInbound(limit: 1).first?.sequence)
        try store.commitProcessing(
            ProcessingCommit(
                eventSequence: sequence,
                conversation: try EventProcessor.record(ConversationState(), id: citizen, now: now), replies: [],
                dossiers: effects.dossiers, reports: effects.reports, subscription: effects.subscription,
                deletesCitizenData: effects.deletesCitizenData, now: now))
    }

    @Test(arguments: [
        (1, 1, 2_000), (2, 1, 4_000), (3, 1, 5_000), (10, 1, 12_000), (198, 1, 200_000), (200, 1, 200_000),
        (3, 2, 10_000), (200, 3, 600_000), (0, 1, 0),
    ])
    func copyFeeTable(pages: Int, copies: Int, fee: Int) {
        #expect(CopyFee.total(pages: pages, copies: copies) == fee)
    }

    @Test(arguments: [(0, "0 đồng"), (2_000, "2.000 đồng"), (200_000, "200.000 đồng"), (1_200_000, "1.200.000 đồng")])
    func copyFeeFormatted(amount: Int, text: String) {
        #expect(CopyFee.formatted(amount) == text)
    }

    @Test func copyFeeActionReturnsBothSlots() throws {
        try Self.withPerformer { performer, _ in
            var effects = ActionEffects()
            let values = try Self.perform(
                performer, "calculate_copy_fee", ["so_trang": "3", "so_ban": "2"], effects: &effects)
            #expect(values == ["le_phi": "10.000 đồng", "le_phi_so": "10000"])

            let missing = try Self.perform(performer, "calculate_copy_fee", ["so_trang": "ba"], effects: &effects)
            #expect(missing["le_phi"] == "")
        }
    }

    @Test func reportCreatedAndLookedUp() throws {
        try Self.withPerformer { performer, store in
            var effects = ActionEffects()
            let values = try Self.perform(
                performer,
                "create_report",
                [
                    "danh_muc": "moi-truong", "mo_ta": "Rác đổ bên sông",
                    "anh": "https://a.invalid/1.jpg\nhttps://a.invalid/2.jpg",
                    "vi_tri": "10.1,106.2", "xa": "Xã Tân Phú",
                ], effects: &effects)
            let ticket = try #require(values["ma_phan_anh"])
            #expect(ticket.hasPrefix("PA-"))
            #expect(ReceiptCode.isValid(ticket))
            #expect(effects.reports.first?.photoURLs.count == 2)
            #expect(effects.reports.first?.status == "received")
            try Self.commit(effects, to: store, eventID: "report")

            // Lower case, spaces and no dashes are all forgiven.
            let typed = ticket.lowercased().replacingOccurrences(of: "-", with: " ")
            var lookupEffects = ActionEffects()
            let lookup = try Self.perform(performer, "lookup_status", ["ma_tra_cuu": typed], effects: &lookupEffects)
            #expect(lookup["tim_thay"] == "yes")
            #expect(lookup["ket_qua_tra_cuu"] == "Phản ánh \(ticket): Đã tiếp nhận.")
        }
    }

    @Test func reportWithoutDescriptionSkipped() throws {
        try Self.withPerformer { performer, _ in
            var effects = ActionEffects()
            let values = try Self.perform(performer, "create_report", ["danh_muc": "khac"], effects: &effects)
            #expect(values["ma_phan_anh"] == "")
            #expect(effects.reports.isEmpty)
        }
    }

    @Test func dossierLookupShowsLatestNote() throws {
        try Self.withPerformer { performer, store in
            var effects = ActionEffects()
            let submitted = try Self.perform(
                performer, "submit_dossier", ["ho_ten": "Nguyễn Văn An"], flowID: "dang-ky-khai-sinh", effects: &effects
            )
            let code = try #require(submitted["ma_ho_so"])
            try Self.commit(effects, to: store, eventID: "dossier")
            _ = try store.recordStatusChange(
                StatusChange(
                    kind: .dossier, code: code, status: .processing, note: "Hẹn trả ngày 5/1", officialRole: "officer",
                    changedAt: Self.now),
                notification: OutboundMessage(text: "x"))

            var lookupEffects = ActionEffects()
            let lookup = try Self.perform(performer, "lookup_status", ["ma_tra_cuu": code], effects: &lookupEffects)
            let sentence = try #require(lookup["ket_qua_tra_cuu"])
            #expect(lookup["tim_thay"] == "yes")
            #expect(sentence.contains("Hồ sơ \(code) (Đăng ký khai sinh): Đang xử lý."))
            #expect(sentence.contains("Ghi chú của cán bộ: Hẹn trả ngày 5/1"))
            #expect(!sentence.contains("Nguyễn Văn An"))
        }
    }

    @Test(arguments: [
        // KS-34679A-P is valid: one changed character or two swapped neighbours break its check.
        ("KS-34679A-Q", "gõ nhầm"),
        ("KS-3467A9-P", "gõ nhầm"),
        ("ks 34679a p", "Không tìm thấy"),
        ("xin chào", "Không tìm thấy"),
        ("  ", "chưa gõ mã"),
    ])
    func lookupMissReportsReason(typed: String, phrase: String) throws {
        #expect(ReceiptCode.isValid("KS-34679A-P"))
        try Self.withPerformer { performer, _ in
            var effects = ActionEffects()
            let lookup = try Self.perform(performer, "lookup_status", ["ma_tra_cuu": typed], effects: &effects)
            #expect(lookup["tim_thay"] == "no")
            #expect(lookup["ket_qua_tra_cuu"]?.contains(phrase) == true)
        }
    }

    @Test func subscribeThenUnsubscribe() throws {
        try Self.withPerformer { performer, store in
            var effects = ActionEffects()
            let values = try Self.perform(
                performer, "subscribe", ["xa": "Xã Tân Phú", "chu_de": "y-te, thien-tai,khong-co"], effects: &effects)
            #expect(values["dang_ky"]?.contains("Y tế, tiêm chủng; Thiên tai, thời tiết") == true)
            #expect(values["dang_ky"]?.contains("Xã Tân Phú") == true)
            try Self.commit(effects, to: store, eventID: "subscribe")
            #expect(try store.subscription(for: Self.citizen)?.topics == ["y-te", "thien-tai"])

            var removal = ActionEffects()
            #expect(try Self.perform(performer, "unsubscribe", effects: &removal).isEmpty)
            try Self.commit(removal, to: store, eventID: "unsubscribe")
            #expect(try store.subscription(for: Self.citizen) == nil)
        }
    }

    @Test func deleteMyDataKeepsDossiers() throws {
        try Self.withPerformer { performer, store in
            var effects = ActionEffects()
            _ = try Self.perform(performer, "submit_dossier", ["ho_ten": "Nguyễn Văn An"], effects: &effects)
            _ = try Self.perform(performer, "subscribe", ["chu_de": "y-te"], effects: &effects)
            try Self.commit(effects, to: store, eventID: "before")

            var deletion = ActionEffects()
            let values = try Self.perform(performer, "delete_my_data", effects: &deletion)
            #expect(deletion.deletesCitizenData)
            #expect(values["da_xoa"]?.contains("Nghị định 13/2023/NĐ-CP") == true)
            try Self.commit(deletion, to: store, eventID: "delete")

            #expect(try store.subscription(for: Self.citizen) == nil)
            #expect(try store.dossiers(for: Self.citizen).count == 1)
        }
    }
}
