import Foundation

/// Terminal output. A closed pipe (`motcua demo | head`) must not stop the program, so write
/// errors are ignored instead of trapping as `FileHandle.write(_:)` does.
enum FileHandleOutput {
    static func standardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// Prints at once, so that piped output keeps its order.
    static func standardOutput(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }
}
