package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Elementwise comparisons with broadcasting; results are bool tensors and carry no gradient. */
final class CompareOps {
  enum Kind {
    GT,
    LT,
    GE,
    LE,
    EQ,
    NE
  }

  private CompareOps() {}

  static Tensor compare(Tensor a, Tensor b, Kind kind) {
    Tensor[] ab = ArithmeticOps.promote(kind.name().toLowerCase(java.util.Locale.ROOT), a, b);
    long[] s =
        Shapes.broadcast(
            kind.name().toLowerCase(java.util.Locale.ROOT), ab[0].shape(), ab[1].shape());
    String name;
    switch (kind) {
      case GT:
        name = "greater";
        break;
      case LT:
        name = "less";
        break;
      case GE:
        name = "greater_equal";
        break;
      case LE:
        name = "less_equal";
        break;
      case EQ:
        name = "equals";
        break;
      default:
        name = "not_equals";
        break;
    }
    INDArray out = Kernels.empty(org.nd4j.linalg.api.buffer.DataType.BOOL, s);
    org.nd4j.linalg.factory.Nd4j.exec(
        org.nd4j.linalg.api.ops.DynamicCustomOp.builder(name)
            .addInputs(ab[0].data(), ab[1].data())
            .addOutputs(out)
            .build());
    return Tensor.wrap(out);
  }

  static Tensor compare(Tensor a, double v, Kind kind) {
    INDArray x = a.data();
    INDArray out;
    switch (kind) {
      case GT:
        out = x.gt(v);
        break;
      case LT:
        out = x.lt(v);
        break;
      case GE:
        out = x.gte(v);
        break;
      case LE:
        out = x.lte(v);
        break;
      case EQ:
        out = x.eq(v);
        break;
      default:
        out = x.neq(v);
        break;
    }
    return Tensor.wrap(out);
  }
}
