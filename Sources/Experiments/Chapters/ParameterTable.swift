import Engine
import Notebook

extension Table {
    /// A "parameter, shape, count" table of named tensors in their order, with a last row
    /// "total" holding the summed count — how chapter 2 shows a layer's parameters by name.
    public init(parameters: [(name: String, tensor: Tensor)]) {
        self.init(["parameter", "shape", "count"])
        for (name, tensor) in parameters { append([name, "\(tensor.shape)", Format.count(tensor.count)]) }
        append(["total", "", Format.count(parameters.map(\.tensor.count).reduce(0, +))])
    }
}
