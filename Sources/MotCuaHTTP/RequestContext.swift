/// The body received so far for one request.
///
/// libmicrohttpd keeps it, retained once, in the request's `con_cls` slot from the access handler's
/// first call until the completion callback releases it. libmicrohttpd calls back for one
/// connection from one thread at a time, so the fields need no lock.
final class RequestContext {
    var body: [UInt8] = []
    /// Set once a 413 response is queued, so later calls for the request do nothing.
    var rejected = false
    /// Set when the handler was called, so the call after a resume sends its response instead of
    /// calling the handler again.
    var reply: PendingReply?
}
