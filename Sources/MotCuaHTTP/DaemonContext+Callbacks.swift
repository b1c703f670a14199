import CMicroHTTPD

/// The work behind libmicrohttpd's callbacks, run on its worker threads.
extension DaemonContext {
    /// Handles one call of the access handler.
    ///
    /// libmicrohttpd calls it once with the headers (the slot is still empty), once per chunk of
    /// body, and once more with no data when the body is complete. The Swift handler runs on that
    /// last call. When the handler responds after returning, the connection is suspended until the
    /// response arrives, and libmicrohttpd calls once more after the resume to send it.
    func handleAccess(
        connection: OpaquePointer, url: String, method: String, uploadData: UnsafePointer<CChar>?,
        uploadDataSize: UnsafeMutablePointer<Int>, requestSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let slot = requestSlot.pointee else {
            let request = RequestContext()
            requestSlot.pointee = Unmanaged.passRetained(request).toOpaque()
            requestStarted()
            return startRequest(request, connection: connection)
        }
        let request = Unmanaged<RequestContext>.fromOpaque(slot).takeUnretainedValue()

        let chunkSize = uploadDataSize.pointee
        if chunkSize > 0 {
            uploadDataSize.pointee = 0
            guard !request.rejected else { return .YES }
            guard request.body.count + chunkSize <= maxBodyBytes else {
                request.rejected = true
                request.body = []
                return rejectTooLarge(connection: connection)
            }
            if let uploadData {
                request.body.append(contentsOf: UnsafeRawBufferPointer(start: uploadData, count: chunkSize))
            }
            return .YES
        }

        guard !request.rejected else { return .YES }
        if let reply = request.reply {
            // libmicrohttpd calls again after MHD_resume_connection.
            guard let response = reply.takeResumedResponse() else { return .YES }
            return send(response, on: connection)
        }

        let incoming = HTTPRequest(
            method: method, path: url, query: connectionValues(connection, kind: .GET_ARGUMENT_KIND),
            headers: connectionValues(connection, kind: .HEADER_KIND), body: request.body,
            remoteAddress: remoteAddress(connection))
        request.body = []
        let reply = PendingReply(connection: connection)
        request.reply = reply
        handler(incoming) { reply.complete($0) }
        // A handler that responds later leaves the connection suspended until `complete` resumes it.
        guard let response = reply.takeResponseOrSuspend() else { return .YES }
        return send(response, on: connection)
    }

    private func send(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        // Returning MHD_NO makes libmicrohttpd close the connection without a response.
        guard !response.closesConnection else { return .NO }
        return queue(response, on: connection)
    }

    /// Handles the completion callback: releases the request's context exactly once.
    func completeRequest(requestSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>) {
        guard let slot = requestSlot.pointee else { return }
        requestSlot.pointee = nil
        Unmanaged<RequestContext>.fromOpaque(slot).release()
        requestFinished()
    }

    /// Rejects a request at once when its Content-Length is over the limit, before any body is read.
    private func startRequest(_ request: RequestContext, connection: OpaquePointer) -> MHD_Result {
        guard let lengthText = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length"),
            let length = UInt64(String(cString: lengthText)), length > UInt64(maxBodyBytes)
        else { return .YES }

        request.rejected = true
        return rejectTooLarge(connection: connection)
    }

    /// Queues 413. libmicrohttpd 0.9.75 accepts a response only before the body is read or after
    /// all of it arrived. So when a body without Content-Length grows over the limit midway, the
    /// queue call fails, and returning MHD_NO closes the connection without a response.
    private func rejectTooLarge(connection: OpaquePointer) -> MHD_Result {
        let response = HTTPResponse.text(413, "Request body is larger than \(maxBodyBytes) bytes.\n")
        return queue(response, on: connection)
    }

    private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let created else {
            recordLibraryMessage("could not create a response of \(response.body.count) bytes")
            return .NO
        }
        defer { MHD_destroy_response(created) }

        var fields = response.headers
        if isStopping {
            fields.append(("Connection", "close"))
        }
        for field in fields where MHD_add_response_header(created, field.name, field.value) != .YES {
            recordLibraryMessage("response header \(field.name) is invalid")
            return queueInvalidResponse(on: connection)
        }

        guard response.status >= 100, response.status <= 999 else {
            recordLibraryMessage("response status \(response.status) is invalid")
            return queueInvalidResponse(on: connection)
        }
        return MHD_queue_response(connection, UInt32(response.status), created)
    }

    /// Queues 500 for a handler response that libmicrohttpd cannot send.
    private func queueInvalidResponse(on connection: OpaquePointer) -> MHD_Result {
        queue(HTTPResponse.text(500, "The handler returned an invalid response.\n"), on: connection)
    }

    /// Returns the query arguments (the last of repeated names wins) or the header fields (repeated
    /// names joined with ", ", names lowercased).
    private func connectionValues(_ connection: OpaquePointer, kind: MHD_ValueKind) -> [String: String] {
        var pairs: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &pairs) { pointer in
            _ = MHD_get_connection_values(
                connection, kind,
                { context, _, key, value in
                    guard let context, let key else { return .YES }
                    let pairs = context.assumingMemoryBound(to: [(name: String, value: String)].self)
                    pairs.pointee.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
                    return .YES
                }, pointer)
        }

        guard kind == .HEADER_KIND else {
            return Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        }
        return Dictionary(pairs.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $0 + ", " + $1 })
    }

    private func remoteAddress(_ connection: OpaquePointer) -> String? {
        guard let address = motcua_mhd_connection_client_address(connection) else { return nil }
        return SocketAddress.numericHost(of: address)
    }
}
