/// A benchmark step that failed; the message is Vietnamese because the harness prints it.
struct BenchError: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
