/// Process discovery over an EventLog (DFG, variants, handovers). See issue 4.
public enum Discovery {}
