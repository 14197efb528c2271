/// The studio's version, sent in User-Agent and written into sidecars.
public enum StudioVersion {
    public static let current = "0.1.0"
}
