/// What must be written to turn the screen showing one canvas into the next: runs of changed cells that share a
/// style, row by row. The `Terminal` writes only these, so a calm screen costs almost nothing to redraw.
public enum CanvasDiff {
    /// A piece of one row to write at (x, y) in one style.
    public struct Run: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var text: String
        public var style: Style
    }

    /// The runs to write; every cell when there is no previous canvas or its size differs.
    public static func runs(from previous: Canvas?, to next: Canvas) -> [Run] {
        let old = previous.flatMap { $0.width == next.width && $0.height == next.height ? $0.cells : nil }
        let cells = next.cells
        let width = next.width
        var runs: [Run] = []
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * 3)
        for y in 0..<next.height {
            let row = y * width
            var x = 0
            while x < width {
                let cell = cells[row + x]
                if let old, old[row + x] == cell { x += 1; continue }
                if cell.isContinuation { x += 1; continue }
                // The run's text is gathered as UTF-8 and made a String once: appending scalars one by one to a
                // String costs more than finding them.
                bytes.removeAll(keepingCapacity: true)
                cell.appendUTF8(to: &bytes)
                let start = x
                x += 1
                while x < width {
                    let following = cells[row + x]
                    if following.isContinuation { x += 1; continue }
                    if following.style != cell.style { break }
                    if let old, old[row + x] == following { break }
                    following.appendUTF8(to: &bytes)
                    x += 1
                }
                runs.append(Run(x: start, y: y, text: String(decoding: bytes, as: UTF8.self), style: cell.style))
            }
        }
        return runs
    }
}
