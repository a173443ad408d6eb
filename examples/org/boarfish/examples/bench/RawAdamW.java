package org.boarfish.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The benchmark's AdamW (WORKLOADS.md §1) as in-place ND4J updates, for workloads written on the raw Tensor API.
 * State lives outside any scope; temporaries live in the caller's step scope.
 */
final class RawAdamW {
  private final List<Tensor> params;
  private final List<INDArray> m = new ArrayList<>();
  private final List<INDArray> v = new ArrayList<>();
  private final double lr;
  private final double wd;
  private final double beta1 = 0.9;
  private final double beta2 = 0.99;
  private final double eps = 1e-5;
  private int t;

  RawAdamW(List<Tensor> params, double lr, double wd) {
    this.params = params;
    this.lr = lr;
    this.wd = wd;
    Scope.outside(() -> {
      for (Tensor p : params) {
        m.add(Nd4j.zeros(p.data().dataType(), p.shape()));
        v.add(Nd4j.zeros(p.data().dataType(), p.shape()));
      }
      return null;
    });
  }

  void step() {
    t++;
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2 = Math.sqrt(1 - Math.pow(beta2, t));
    for (int i = 0; i < params.size(); i++) {
      INDArray p = params.get(i).data();
      INDArray g = params.get(i).grad().data();
      INDArray mi = m.get(i);
      INDArray vi = v.get(i);
      p.muli(1 - lr * wd);
      mi.muli(beta1).addi(g.mul(1 - beta1));
      vi.muli(beta2).addi(g.mul(g).muli(1 - beta2));
      INDArray denom = Transforms.sqrt(vi, true).divi(bc2).addi(eps);
      p.subi(mi.div(denom).muli(lr / bc1));
      g.assign(0);
    }
  }
}
