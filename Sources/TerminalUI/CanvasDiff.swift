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
        let full = previous.map { $0.width != next.width || $0.height != next.height } ?? true
        var runs: [Run] = []
        for y in 0..<next.height {
            var x = 0
            while x < next.width {
                let cell = next[x, y]
                if !full, let previous, previous[x, y] == cell { x += 1; continue }
                if cell.isContinuation { x += 1; continue }
                var run = Run(x: x, y: y, text: String(cell.character), style: cell.style)
                x += 1
                while x < next.width {
                    let following = next[x, y]
                    if following.isContinuation { x += 1; continue }
                    if following.style != run.style { break }
                    if !full, let previous, previous[x, y] == following { break }
                    run.text.append(following.character)
                    x += 1
                }
                runs.append(run)
            }
        }
        return runs
    }
}
