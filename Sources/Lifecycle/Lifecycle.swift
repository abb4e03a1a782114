/// Lifecycle profiles and exception reconstruction. See issue 4.
public enum Lifecycle {}
