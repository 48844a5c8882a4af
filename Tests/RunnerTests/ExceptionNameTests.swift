import TestSupport
import Testing

@testable import Runner

/// The pane names the exception a Python café's log raised: the last line of a traceback, and nothing else.
@Suite("The exception a server's log names", .onOwnThreads)
struct ExceptionNameTests {
    @Test(
        "a traceback's last line names its exception; log lines, traceback frames and prose do not",
        arguments: [
            (
                "django.core.exceptions.SynchronousOnlyOperation: You cannot call this from an async context - use a thread or sync_to_async.",
                "SynchronousOnlyOperation"
            ),
            ("TypeError: brew_blocking() takes 1 positional argument but 2 were given", "TypeError"),
            ("Internal Server Error: /async/brew_sync_orm", nil),
            ("Traceback (most recent call last):", nil),
            ("  File \"/x/views.py\", line 3, in brew", nil),
            ("[2026-12-05 09:08:56 +0000] [20895] [INFO] Listening at: http://127.0.0.1:18812 (20895)", nil),
            ("INFO:     Started server process [1234]", nil),
            ("Warning: something", nil),
        ] as [(String, String?)])
    func names(line: String, expected: String?) {
        #expect(ChildCafe.exceptionName(in: line) == expected)
    }
}
