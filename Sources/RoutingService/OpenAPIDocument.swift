/// placeholder
enum OpenAPIDocument {
    static let json = "{}"
}
