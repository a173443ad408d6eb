package org.boarfish.learner;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * A model taking several inputs (a batch with {@code nInp > 1}, e.g. categorical and continuous
 * columns): the learner calls {@link #forward(List)} with all of them. Models of one input are
 * called with {@code Module.call}.
 */
public interface MultiInput {
  /** The output for the batch's inputs, in order. */
  Tensor forward(List<Tensor> inputs);
}
