import CafeHTTP
import CafeModel

/// `POST /control` to a café's admin port, the way the show changes a café live.
enum ControlClient {
    @discardableResult
    static func post(port: Int, _ change: ControlRequest) -> Int? {
        let body = change.formBody
        let request =
            "POST /control HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return try? OneShotClient(port: port, timeout: .seconds(2)).send(Array(request.utf8)).status
    }
}
