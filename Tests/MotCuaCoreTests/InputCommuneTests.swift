import Foundation
import MotCuaYAML
import Testing

@testable import MotCuaCore

struct InputCommuneTests {
    /// The directory from the shipped data file, so that the tests also check its content.
    static let directory: CommuneDirectory = {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates/communes.yaml").path
        let text = try! String(contentsOfFile: path, encoding: .utf8)
        return try! CommuneDirectory.load(from: YAMLParser.parse(text), source: path)
    }()

    /// A reply and the names of the communes it should give: one name for a match, several for an
    /// ambiguous reply, none when nothing matches.
    @Test(arguments: [
        ("Phường Tân Ninh", ["Phường Tân Ninh"]), ("p tan ninh", ["Phường Tân Ninh"]),
        ("phuong Tan Ninh", ["Phường Tân Ninh"]), ("tân ninh", ["Phường Tân Ninh"]),
        ("P.Tân Ninh", ["Phường Tân Ninh"]),
        ("  P.   TÂN   NINH ", ["Phường Tân Ninh"]),
        ("Phường Tân Ninh".decomposedStringWithCanonicalMapping, ["Phường Tân Ninh"]),
        ("tan ninhh", ["Phường Tân Ninh"]), ("taan ninh", ["Phường Tân Ninh"]), ("Tân Nnh", ["Phường Tân Ninh"]),
        ("tanninh", ["Phường Tân Ninh"]), ("phường 1 Tây Ninh", ["Phường Tân Ninh"]),
        ("P1 Tây Ninh", ["Phường Tân Ninh"]),
        ("phường 1 thành phố Tây Ninh", ["Phường Tân Ninh"]), ("Hiệp Ninh", ["Phường Tân Ninh"]),
        ("dạ tôi ở phường Tân Ninh ạ", ["Phường Tân Ninh"]),
        ("TP Tây Ninh", ["Phường Tân Ninh", "Phường Bình Minh"]),
        ("thành phố Tây Ninh", ["Phường Tân Ninh", "Phường Bình Minh"]),
        ("Tân An", ["Phường Tân An"]), ("tan an", ["Phường Tân An"]),
        ("TP Tân An", ["Phường Long An", "Phường Tân An", "Phường Khánh Hậu"]),
        ("phường 1", ["Phường Long An", "Phường Kiến Tường", "Phường Tân Ninh"]),
        ("phường 3 Tân An", ["Phường Long An"]), ("P3 Tân An", ["Phường Long An"]),
        ("Hướng Thọ Phú", ["Phường Long An"]), ("xa huong tho phu", ["Phường Long An"]),
        ("Bình Thạnh", ["Phường Long An"]), ("binh thanh", ["Phường Long An", "Xã Bình Thành"]),
        ("xa binh thanh", ["Phường Long An", "Xã Bình Thành"]), ("Bình Thành", ["Xã Bình Thành"]),
        ("thị xã Kiến Tường", ["Phường Kiến Tường"]), ("phường 2 Kiến Tường", ["Phường Kiến Tường"]),
        ("khanh hau", ["Phường Khánh Hậu"]), ("Khánh Hưng", ["Xã Khánh Hưng"]),
        ("Bình Hòa", ["Xã Bình Hòa"]), ("Bình Hoà", ["Xã Bình Hòa"]), ("x. binh hoa", ["Xã Bình Hòa"]),
        ("xã Bình Hòa, tỉnh Long An", ["Xã Bình Hòa"]), ("Mộc Hoá", ["Xã Mộc Hóa"]), ("moc hoa", ["Xã Mộc Hóa"]),
        ("nhon hoa", ["Xã Nhơn Hòa Lập"]), ("Nhơn Hoà Lập", ["Xã Nhơn Hòa Lập"]), ("hung dienn", ["Xã Hưng Điền"]),
        ("Thạnh Phước", ["Xã Thạnh Phước"]), ("xã Thạnh Phước, huyện Gò Dầu", ["Xã Thạnh Phước"]),
        ("thuan nghia hoa", ["Xã Thạnh Phước"]), ("Ninh Sơn", ["Phường Bình Minh"]),
        ("Tây Ninh", ["Phường Tân Ninh", "Phường Bình Minh"]),
        ("Hà Nội", []), ("Bến Lức", []), ("xã", []), ("", []), ("123", []), ("không biết", []),
    ])
    func resolvesCommunes(text: String, expected: [String]) {
        let result = Self.directory.resolve(text)
        switch expected.count {
        case 0: #expect(result == .none)
        case 1: #expect(result.names == expected)
        default:
            guard case .ambiguous = result else {
                Issue.record("expected ambiguous \(expected), got \(result)")
                return
            }
            #expect(result.names == expected)
        }
    }

    @Test func singleWordMatchesManyCommunes() throws {
        guard case .ambiguous(let communes) = Self.directory.resolve("tân") else {
            Issue.record("expected an ambiguous match")
            return
        }
        let names = communes.map(\.name)
        #expect(names.contains("Phường Tân Ninh"))
        #expect(names.contains("Xã Tân Hưng"))
        #expect(names.contains("Xã Tân Thạnh"))
        #expect(!names.contains("Xã Vĩnh Hưng"))
    }

    @Test func shippedFileListsTheKnownUnits() {
        let communes = Self.directory.communes
        #expect(Self.directory.province == "Tây Ninh")
        #expect(communes.count == 23)
        #expect(communes.filter { $0.kind == "phường" }.count == 6)
        #expect(Set(communes.map(\.name)).count == communes.count)
        for commune in communes {
            #expect(Self.directory.resolve(commune.name) == .matched(commune), "\(commune.name)")
        }
    }

    @Test func sharedNamesAreAmbiguousAndKindNarrows() {
        let directory = CommuneDirectory(communes: [
            Commune(name: "Xã Bình Minh", kind: "xã", aliases: ["Bình Minh cũ"]),
            Commune(name: "Phường Bình Minh", kind: "phường"),
            Commune(name: "Xã Phước Vinh", kind: "xã", aliases: ["xã Phước Vinh (Châu Thành)"]),
            Commune(name: "Xã Phước Vinh", kind: "xã", aliases: ["xã Phước Vinh (Bến Cầu)"]),
        ])
        #expect(directory.resolve("bình minh").names == ["Xã Bình Minh", "Phường Bình Minh"])
        #expect(directory.resolve("phường Bình Minh") == .matched(directory.communes[1]))
        #expect(directory.resolve("xa binh minh") == .matched(directory.communes[0]))
        #expect(directory.resolve("Phước Vinh").names == ["Xã Phước Vinh", "Xã Phước Vinh"])
        #expect(directory.resolve("phuoc vinh ben cau") == .matched(directory.communes[3]))
    }

    @Test func typosNeedSixLetters() {
        let directory = CommuneDirectory(communes: [
            Commune(name: "Phường Tân An", kind: "phường"), Commune(name: "Xã Hậu Thạnh", kind: "xã"),
        ])
        #expect(directory.resolve("tan ann") == .none)
        #expect(directory.resolve("hau thanhh") == .matched(directory.communes[1]))
        #expect(directory.resolve("hau thnh") == .matched(directory.communes[1]))
        #expect(directory.resolve("hau thahn") == .none)
    }

    @Test func loadsCodesAndNormalizesText() throws {
        let yaml = """
            province: Tây Ninh
            communes:
              - name: "Xã  Bình Hoà"
                kind: Xã
                code: "27001"
                aliases: [thị trấn Bình Hòa]
              - name: Phường Tân Ninh
                kind: phường
            """
        let directory = try CommuneDirectory.load(from: YAMLParser.parse(yaml))
        #expect(
            directory.communes[0]
                == Commune(code: "27001", name: "Xã Bình Hoà", kind: "xã", aliases: ["thị trấn Bình Hòa"]))
        #expect(directory.communes[1].aliases == [])
        #expect(directory.communes[1].code == nil)
        #expect(directory.resolve("tt Bình Hòa") == .matched(directory.communes[0]))
    }

    @Test(arguments: [
        ("communes: []\nprovince: x\nother: [", 0),
        ("province: Tây Ninh\n", 1),
        ("communes:\n  - name: Xã A\n", 2),
        ("communes:\n  - name: Xã A\n    kind: huyện\n", 3),
        ("communes:\n  - kind: xã\n", 2),
        ("communes:\n  - name: Xã A\n    kind: xã\n    aliases: A cũ\n", 4),
        ("communes:\n  - just a name\n", 2),
        ("- a\n- b\n", 1),
    ])
    func rejectsMalformedFiles(yaml: String, line: Int) throws {
        guard let node = try? YAMLParser.parse(yaml) else {
            #expect(line == 0, "the YAML itself should parse")
            return
        }
        do {
            _ = try CommuneDirectory.load(from: node, source: "communes.yaml")
            Issue.record("expected an error")
        } catch let error as FlowErrors {
            #expect(error.errors.map(\.line) == [line])
            #expect(error.errors.allSatisfy { $0.file == "communes.yaml" })
        }
    }
}

extension CommuneMatch {
    fileprivate var names: [String] {
        switch self {
        case .matched(let commune): return [commune.name]
        case .ambiguous(let communes): return communes.map(\.name)
        case .none: return []
        }
    }
}
