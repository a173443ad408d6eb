package org.boarfish.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Elementwise arithmetic with PyTorch broadcasting; each gradient is summed back to its input's
 * shape.
 */
final class ArithmeticOps {
  private ArithmeticOps() {}

  static Tensor add(Tensor a, Tensor b) {
    Tensor[] ab = promote("add", a, b);
    long[] as = ab[0].shape();
    long[] bs = ab[1].shape();
    INDArray out = Kernels.add(ab[0].data(), ab[1].data());
    return Tensor.make(
        out,
        "add",
        g ->
            new INDArray[] {
              g.needs(0) ? Shapes.sumTo(g.out(), as) : null,
              g.needs(1) ? Shapes.sumTo(g.out(), bs) : null
            },
        ab);
  }

  static Tensor sub(Tensor a, Tensor b) {
    Tensor[] ab = promote("sub", a, b);
    long[] as = ab[0].shape();
    long[] bs = ab[1].shape();
    INDArray out = Kernels.sub(ab[0].data(), ab[1].data());
    return Tensor.make(
        out,
        "sub",
        g ->
            new INDArray[] {
              g.needs(0) ? Shapes.sumTo(g.out(), as) : null,
              g.needs(1) ? Shapes.sumTo(Kernels.mulScalar(g.out(), -1), bs) : null
            },
        ab);
  }

  static Tensor mul(Tensor a, Tensor b) {
    Tensor[] ab = promote("mul", a, b);
    INDArray x = ab[0].data();
    INDArray y = ab[1].data();
    INDArray out = Kernels.mul(x, y);
    return Tensor.make(
        out,
        "mul",
        g ->
            new INDArray[] {
              g.needs(0) ? Shapes.sumTo(Kernels.mul(g.out(), y), x.shape()) : null,
              g.needs(1) ? Shapes.sumTo(Kernels.mul(g.out(), x), y.shape()) : null
            },
        ab);
  }

  static Tensor div(Tensor a, Tensor b) {
    Tensor[] ab = promote("div", a, b);
    INDArray x = ab[0].data();
    INDArray y = ab[1].data();
    INDArray out = Kernels.div(x, y);
    return Tensor.make(
        out,
        "div",
        g ->
            new INDArray[] {
              g.needs(0) ? Shapes.sumTo(Kernels.div(g.out(), y), x.shape()) : null,
              // d(x/y)/dy = -out / y
              g.needs(1)
                  ? Shapes.sumTo(
                      Kernels.mulScalar(Kernels.div(Kernels.mul(g.out(), out), y), -1), y.shape())
                  : null
            },
        ab);
  }

  static Tensor pow(Tensor a, Tensor b) {
    Tensor[] ab = promote("pow", a, b);
    INDArray x = ab[0].data();
    INDArray y = ab[1].data();
    long[] s = Shapes.broadcast("pow", x.shape(), y.shape());
    INDArray xb = Kernels.expandTo(x, s);
    INDArray yb = Kernels.expandTo(y, s);
    INDArray out = Transforms.pow(xb, yb, true);
    return Tensor.make(
        out,
        "pow",
        g ->
            new INDArray[] {
              g.needs(0)
                  ? Shapes.sumTo(
                      Kernels.mul(
                          g.out(),
                          Kernels.mul(yb, Transforms.pow(xb, Kernels.addScalar(yb, -1), true))),
                      x.shape())
                  : null,
              g.needs(1)
                  ? Shapes.sumTo(
                      Kernels.mul(g.out(), Kernels.mul(out, Transforms.log(xb, true))), y.shape())
                  : null
            },
        ab);
  }

  static Tensor addScalar(Tensor a, double v) {
    return Tensor.make(Kernels.addScalar(a.data(), v), "add", g -> new INDArray[] {g.out()}, a);
  }

  static Tensor rsubScalar(Tensor a, double v) {
    return Tensor.make(
        Kernels.rsubScalar(a.data(), v),
        "rsub",
        g -> new INDArray[] {Kernels.mulScalar(g.out(), -1)},
        a);
  }

  static Tensor mulScalar(Tensor a, double v) {
    return Tensor.make(
        Kernels.mulScalar(a.data(), v),
        "mul",
        g -> new INDArray[] {Kernels.mulScalar(g.out(), v)},
        a);
  }

  static Tensor rdivScalar(Tensor a, double v) {
    INDArray x = a.data();
    INDArray out = Kernels.rdivScalar(x, v);
    // d(v/x)/dx = -out / x
    return Tensor.make(
        out,
        "rdiv",
        g -> new INDArray[] {Kernels.mulScalar(Kernels.div(Kernels.mul(g.out(), out), x), -1)},
        a);
  }

  static Tensor powScalar(Tensor a, double p) {
    INDArray x = a.data();
    INDArray out = Transforms.pow(x, p, true);
    return Tensor.make(
        out,
        "pow",
        g ->
            new INDArray[] {
              Kernels.mul(g.out(), Kernels.mulScalar(Transforms.pow(x, p - 1, true), p))
            },
        a);
  }

  /**
   * Same float type for both operands: an integer operand takes the other's float type; float32
   * with float64 is float64.
   */
  static Tensor[] promote(String op, Tensor a, Tensor b) {
    DType ta = a.dtype();
    DType tb = b.dtype();
    if (ta == tb) {
      return new Tensor[] {a, b};
    }
    DType t;
    if (ta.isFloatingPoint() && tb.isFloatingPoint()) {
      t = DType.FLOAT64;
    } else if (ta.isFloatingPoint()) {
      t = ta;
    } else if (tb.isFloatingPoint()) {
      t = tb;
    } else {
      t = (ta == DType.INT64 || tb == DType.INT64) ? DType.INT64 : DType.INT32;
    }
    return new Tensor[] {a.to(t), b.to(t)};
  }
}
