import Foundation
import MotCuaCore
import MotCuaYAML

/// Reads conversation fixtures in the format of `fixtures/conversations/*.yaml`.
public enum FixtureParser {
    /// Reads and parses the fixture file at `path`.
    public static func load(path: String) throws -> Fixture {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureError(path: path, line: 0, message: "không đọc được tệp; kiểm tra đường dẫn và quyền đọc")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses fixture text; `path` names the file in errors and anchors a relative `templates`.
    public static func parse(_ text: String, path: String) throws -> Fixture {
        let root: DocumentNode
        do {
            root = try YAMLParser.parse(text)
        } catch let error as YAMLError {
            throw FixtureError(path: path, line: error.line, message: "lỗi YAML: \(error.message)")
        }
        let reader = NodeReader(path: path)
        guard root.mapping != nil else { throw reader.error(root, "tệp kịch bản thử phải là một mapping") }

        let known = ["name", "channel", "user", "templates", "start", "turns"]
        for (key, value) in root.mapping ?? [] where !known.contains(key) {
            throw reader.error(value, "khóa không tồn tại '\(key)'; các khóa có: \(known.joined(separator: ", "))")
        }

        let name = try root["name"].map { try reader.scalar($0, "name") } ?? path
        let channelName = try root["channel"].map { try reader.scalar($0, "channel") } ?? "zalo"
        guard let channel = ChannelKind(rawValue: channelName) else {
            throw reader.error(
                root["channel"] ?? root, "kênh không hợp lệ '\(channelName)'; dùng zalo, telegram hoặc messenger")
        }
        let userID = try root["user"].map { try reader.scalar($0, "user") } ?? "nguoi-dan-1"
        let templates = try root["templates"].map { try reader.scalar($0, "templates") }
        let start = try root["start"].map { try reader.date($0) } ?? Date(timeIntervalSince1970: 1_772_413_200)
        guard let turnNodes = root["turns"]?.sequence else {
            throw reader.error(root["turns"] ?? root, "cần danh sách 'turns'")
        }

        return Fixture(
            path: path, name: name, channel: channel, userID: userID,
            templatesFolder: templates.map { resolve($0, against: path) }, start: start,
            turns: try turnNodes.map(reader.turn))
    }

    private static func resolve(_ folder: String, against fixturePath: String) -> String {
        if folder.hasPrefix("/") { return folder }
        let base = URL(fileURLWithPath: fixturePath).deletingLastPathComponent()
        return base.appendingPathComponent(folder).standardizedFileURL.path
    }
}

/// Turns document nodes into fixture values, failing with the node's line.
private struct NodeReader {
    let path: String

    func error(_ node: DocumentNode, _ message: String) -> FixtureError {
        FixtureError(path: path, line: node.line, message: message)
    }

    func scalar(_ node: DocumentNode, _ key: String) throws -> String {
        guard let value = node.scalar else { throw error(node, "'\(key)' phải là một chuỗi") }
        return value
    }

    func date(_ node: DocumentNode) throws -> Date {
        let text = try scalar(node, "start")
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw error(node, "thời điểm không hợp lệ '\(text)'; viết dạng 2026-03-02T08:00:00+07:00")
        }
        return date
    }

    func turn(_ node: DocumentNode) throws -> Fixture.Turn {
        if let wait = node["wait"] {
            return .wait(try duration(wait), line: node.line)
        }
        guard let user = node["user"] else { throw error(node, "mỗi lượt cần 'user' hoặc 'wait'") }
        for (key, value) in node.mapping ?? [] where !["user", "expect"].contains(key) {
            throw error(value, "khóa không tồn tại '\(key)' trong lượt; các khóa có: user, expect, wait")
        }
        let expect = try node["expect"].map { node -> [Fixture.Expectation] in
            guard let items = node.sequence else { throw error(node, "'expect' phải là một danh sách") }
            return try items.map(expectation)
        }
        return .send(try content(user), expect: expect, line: node.line)
    }

    /// Reads `45m`, `2h`, `3d` or `30s`.
    private func duration(_ node: DocumentNode) throws -> TimeInterval {
        let text = try scalar(node, "wait").trimmingCharacters(in: .whitespaces)
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let amount = Double(text.dropLast()), amount >= 0 else {
            throw error(node, "thời gian chờ không hợp lệ '\(text)'; ví dụ: 30s, 45m, 2h, 3d")
        }
        return amount * unit
    }

    private func content(_ node: DocumentNode) throws -> InboundContent {
        if let text = node.scalar { return .text(text) }
        guard let pairs = node.mapping, pairs.count == 1, let (kind, value) = pairs.first else {
            throw error(node, "'user' là chữ, hoặc một trong image, file, location, sticker, button, follow, unfollow")
        }
        switch kind {
        case "image": return .image(url: try scalar(value, kind), caption: nil)
        case "file": return .file(url: try scalar(value, kind), name: nil)
        case "sticker": return .sticker(id: try scalar(value, kind))
        case "button": return .button(try scalar(value, kind))
        case "follow": return .follow
        case "unfollow": return .unfollow
        case "location":
            guard let latitude = value["lat"]?.scalar.flatMap(Double.init),
                let longitude = value["lon"]?.scalar.flatMap(Double.init)
            else { throw error(value, "'location' cần {lat: 11.31, lon: 106.10}") }
            return .location(latitude: latitude, longitude: longitude)
        default:
            throw error(
                node,
                "loại tin không tồn tại '\(kind)'; các loại có: image, file, location, sticker, button, follow, unfollow"
            )
        }
    }

    private func expectation(_ node: DocumentNode) throws -> Fixture.Expectation {
        guard let pairs = node.mapping, !pairs.isEmpty else {
            throw error(node, "mỗi mục 'expect' là mapping với text, contains, matches hoặc buttons")
        }
        var result = Fixture.Expectation(line: node.line)
        for (key, value) in pairs {
            switch key {
            case "text": result.text = try scalar(value, key)
            case "contains": result.contains = try scalar(value, key)
            case "matches":
                let pattern = try scalar(value, key)
                guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw error(value, "biểu thức chính quy không hợp lệ '\(pattern)'")
                }
                result.matches = pattern
            case "buttons":
                guard let items = value.sequence else { throw error(value, "'buttons' phải là danh sách tên nút") }
                result.buttons = try items.map { try scalar($0, key) }
            case "save":
                result.save = try scalar(value, key)
            default:
                throw error(value, "khóa không tồn tại '\(key)'; các khóa có: text, contains, matches, buttons, save")
            }
        }
        if result.save != nil, result.matches == nil {
            throw error(node, "'save' cần 'matches' trong cùng mục để biết lưu phần nào")
        }
        return result
    }
}
