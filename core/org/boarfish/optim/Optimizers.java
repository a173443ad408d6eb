package org.boarfish.optim;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * Ready-made optimizers with fastai's defaults over one group of parameters; for more settings or
 * several groups use the builders ({@code Adam.of(params)...build()}, {@code
 * Adam.ofGroups(groups)}).
 *
 * <pre>{@code
 * var opt = Optimizers.adam(model.parameters(), 1e-3);
 * }</pre>
 */
public final class Optimizers {
  private Optimizers() {}

  /** AdamW: lr 1e-3, mom 0.9, sqrMom 0.99, eps 1e-5, wd 0.01 decoupled. */
  public static Adam adam(List<Tensor> params) {
    return Adam.of(params).build();
  }

  /** AdamW with fastai's defaults and this learning rate. */
  public static Adam adam(List<Tensor> params, double lr) {
    return Adam.of(params).lr(lr).build();
  }

  /** Plain SGD with this learning rate. */
  public static SGD sgd(List<Tensor> params, double lr) {
    return SGD.of(params).lr(lr).build();
  }

  /** SGD with momentum. */
  public static SGD sgd(List<Tensor> params, double lr, double mom) {
    return SGD.of(params).lr(lr).mom(mom).build();
  }

  /** RMSProp with fastai's defaults (sqrMom 0.99, eps 1e-8) and this learning rate. */
  public static RMSProp rmsProp(List<Tensor> params, double lr) {
    return RMSProp.of(params).lr(lr).build();
  }

  /** LAMB with fastai's defaults and this learning rate. */
  public static Lamb lamb(List<Tensor> params, double lr) {
    return Lamb.of(params).lr(lr).build();
  }
}
