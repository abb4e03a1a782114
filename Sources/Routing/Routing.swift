/// Owner prediction: features, softmax regression on CBLAS, evaluation, model files. See issue 6.
public enum Routing {}
