import Foundation
import MotCuaCore
import MotCuaServer
import Synchronization

enum ServeCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        var configFile: String?
        switch CommandOptions.parse(arguments, command: "serve", valued: ["--config": "motcua.yaml"]) {
        case .help:
            print(HelpText.serve)
            return 0
        case .invalid:
            return 2
        case .options(let options):
            configFile = options.value("--config")
        }
        if configFile == nil, FileManager.default.fileExists(atPath: "motcua.yaml") {
            configFile = "motcua.yaml"
        }

        let configuration: Configuration
        do {
            configuration = try Configuration.load(file: configFile, environment: environment)
        } catch {
            CommandLineError.report("cấu hình không hợp lệ: \(error)")
            return 2
        }
        return ServiceRunner.run(configuration: configuration)
    }
}

/// Starts a service and keeps it running until SIGINT or SIGTERM; a second signal exits at once.
enum ServiceRunner {
    static func run(configuration: Configuration, afterStart: ((MotCuaService) -> Void)? = nil) -> Int32 {
        let logger = makeLogger(configuration)
        let service: MotCuaService
        do {
            service = try MotCuaService(configuration: configuration, logger: logger)
            try service.start()
        } catch let error as FlowErrors {
            CommandLineError.report("kịch bản có lỗi, server không khởi động:\n\(error)")
            return 2
        } catch {
            CommandLineError.report("không khởi động được server: \(StartupFailure.describe(error))")
            return 2
        }
        afterStart?(service)
        waitForTermination(logger: logger)
        service.stop()
        return 0
    }

    static func makeLogger(_ configuration: Configuration) -> Logger {
        Logger(
            label: "motcua", level: Logger.Level(name: configuration.logLevel) ?? .info,
            sink: .standardError(format: LogSink.Format(rawValue: configuration.logFormat.lowercased()) ?? .logfmt))
    }

    /// Blocks until SIGINT or SIGTERM arrives. A second signal, during the drain that follows,
    /// exits the process at once with status 130.
    static func waitForTermination(logger: Logger) {
        let received = DispatchSemaphore(value: 0)
        let counter = SignalCounter()
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if counter.count.add(1, ordering: .relaxed).newValue == 1 {
                    received.signal()
                } else {
                    logger.warning(
                        "second signal received, exiting without finishing the stop", ["signal": "\(number)"])
                    exit(130)
                }
            }
            source.resume()
            return source
        }
        received.wait()
        // The sources stay alive, so a second signal during the drain exits at once.
        withExtendedLifetime(sources) {}
        signalSourcesKeptAlive = sources
    }
}

nonisolated(unsafe) private var signalSourcesKeptAlive: [DispatchSourceSignal] = []

/// Signals received, shared by the SIGINT and SIGTERM handlers.
private final class SignalCounter: Sendable {
    let count = Atomic<Int>(0)
}
