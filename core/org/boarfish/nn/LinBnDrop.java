package org.boarfish.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * fastai's {@code LinBnDrop}: BatchNorm1d → Dropout → Linear → act, or, with {@code linFirst},
 * Linear → act → BatchNorm1d → Dropout. The Linear has no bias when a norm is present (it would be
 * redundant); the norm is fastai's BatchNorm (weight 1, bias 1e-3); Dropout is left out when p = 0;
 * the Linear keeps PyTorch's default init.
 */
public class LinBnDrop extends Sequential {

  /** With batch norm, no dropout, no activation. */
  public LinBnDrop(int nIn, int nOut) {
    this(nIn, nOut, true, 0, null, false);
  }

  /** Batch norm or not, dropout p, activation (null for none), norm first. */
  public LinBnDrop(int nIn, int nOut, boolean bn, double p, Module act) {
    this(nIn, nOut, bn, p, act, false);
  }

  /** Every option. */
  public LinBnDrop(int nIn, int nOut, boolean bn, double p, Module act, boolean linFirst) {
    Layers.probability("LinBnDrop", p);
    List<Module> norm = new ArrayList<>();
    if (bn) {
      norm.add(BatchNorm.fastai(new BatchNorm1d(linFirst ? nOut : nIn), false));
    }
    if (p != 0) {
      norm.add(new Dropout(p));
    }
    List<Module> lin = new ArrayList<>(List.of(new Linear(nIn, nOut, !bn)));
    if (act != null) {
      lin.add(act);
    }
    (linFirst ? lin : norm).forEach(this::add);
    (linFirst ? norm : lin).forEach(this::add);
  }
}
