import DuijieCLI
import Foundation
import Logging

// Logs go to standard error, so `--json` output on standard output stays clean; DUIJIE_LOG_LEVEL raises detail.
let level = ProcessInfo.processInfo.environment["DUIJIE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = level
    return handler
}
await Duijie.runCommandLine()
