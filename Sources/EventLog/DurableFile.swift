/// Whole files replaced atomically and durably, for the small metadata files of other layers (the
/// SQL catalog) that must survive a crash whole or not at all.
public enum DurableFile {
    /// Replaces the file at `path` with `bytes`: written to a temporary file, fsynced, renamed over
    /// the old one, and the directory fsynced, so a crash leaves the old or the new content.
    public static func replace(_ path: String, with bytes: [UInt8]) throws(EventLogError) {
        try FileSystem.writeAtomically(bytes, to: path, synchronize: true)
    }
}
