/// Order-exception event-log generator. See issue 3.
public enum Generator {}
