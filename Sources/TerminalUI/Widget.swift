/// Something that draws itself into an area of a canvas: a pure function from its data and the area to cells,
/// like ratatui's `Widget::render`. Widgets are cheap values built afresh every frame.
public protocol Widget {
    func render(into canvas: inout Canvas, area: Rect)
}
