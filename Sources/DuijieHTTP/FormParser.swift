import Foundation
import Hummingbird
import MultipartKit

/// Reads form bodies: `application/x-www-form-urlencoded`, and `multipart/form-data` through MultipartKit's parser.
enum FormParser {
    /// The most parts a multipart form may have.
    static let maxParts = 64

    static func parse(_ buffer: ByteBuffer, contentType: String) throws -> FormData {
        if contentType.hasPrefix("multipart/form-data") { return try multipart(buffer, contentType: contentType) }
        return urlencoded(String(buffer: buffer))
    }

    /// `a=1&b=%E4%B8%AD`: `+` is a space.
    static func urlencoded(_ text: String) -> FormData {
        var form = FormData()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let key = parts.first, !key.isEmpty else { continue }
            form.add(key, parts.count > 1 ? parts[1] : "")
        }
        return form
    }

    static func multipart(_ buffer: ByteBuffer, contentType: String) throws -> FormData {
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else {
            throw HTTPError(.badRequest, message: "a multipart form without a boundary")
        }
        final class Collector {
            var form = FormData()
            var headers: [String: String] = [:]
            var body = ByteBuffer()
            var parts = 0
            var failure: String?

            func complete() {
                parts += 1
                defer {
                    headers = [:]
                    body = ByteBuffer()
                }
                guard parts <= FormParser.maxParts else {
                    failure = "a form may have at most \(FormParser.maxParts) parts"
                    return
                }
                let disposition = headers["content-disposition"] ?? ""
                guard let name = FormParser.parameter("name", in: disposition) else { return }
                if let filename = FormParser.parameter("filename", in: disposition) {
                    guard !filename.isEmpty else { return }  // an empty file input
                    let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
                    form.files[name, default: []].append(FormData.File(filename: last, data: body))
                } else {
                    form.add(name, String(buffer: body))
                }
            }
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers[name.lowercased()] = value }
        parser.onBody = { chunk in collector.body.writeBuffer(&chunk) }
        parser.onPartComplete = { collector.complete() }
        do {
            try parser.execute(buffer)
        } catch {
            throw HTTPError(.badRequest, message: "the multipart form could not be read (\(error))")
        }
        if let failure = collector.failure { throw HTTPError(.badRequest, message: failure) }
        return collector.form
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for item in header.split(separator: ";") {
            let part = item.trimmingCharacters(in: .whitespaces)
            guard let equals = part.firstIndex(of: "="), part[..<equals].lowercased() == key.lowercased() else { continue }
            var value = String(part[part.index(after: equals)...])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }
}
