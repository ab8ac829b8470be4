import Foundation

// MARK: - Why a file operation failed, in words

/// The cause of a file error as a person would say it ("No space left on device", "Permission
/// denied"), not Foundation's "(… error 1.)": the POSIX error under a Foundation error when
/// there is one, else the error's own description.
public enum FileErrorReason {
    /// Words for `error`: its POSIX cause if it carries one, else its description.
    public static func describing(_ error: any Error) -> String {
        // Tailor's own errors describe themselves; Foundation's need their POSIX cause dug out.
        let isFoundationError = error is CocoaError || type(of: error) == NSError.self
        if !isFoundationError { return String(describing: error) }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
        case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        default: return nsError.localizedDescription
        }
    }
}

extension AtomicFileError: LocalizedError {
    /// The same one line as `description`, so `localizedDescription` keeps the file and the cause.
    public var errorDescription: String? { description }
}
