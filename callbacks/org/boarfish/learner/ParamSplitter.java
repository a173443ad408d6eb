package org.boarfish.learner;

import java.util.List;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;

/**
 * Splits a model's parameters into groups (body first, head last), as fastai's {@code splitter}:
 * each group gets its own learning rate (discriminative learning rates) and can be frozen. The
 * default puts all in one group.
 *
 * <pre>{@code
 * ParamSplitter bodyHead = m -> List.of(m.children().get(0).parameters(), m.children().get(1).parameters());
 * }</pre>
 */
@FunctionalInterface
public interface ParamSplitter {
  /** The groups of {@code model}'s parameters; every group non-empty, no parameter twice. */
  List<List<Tensor>> split(Module model);

  /** fastai's {@code trainable_params}: one group of every parameter. */
  static ParamSplitter single() {
    return m -> List.of(m.parameters());
  }

  /**
   * One group per direct child of the model that has parameters (e.g. body and head of a two-part
   * Sequential).
   */
  static ParamSplitter byChildren() {
    return m -> m.children().stream().map(Module::parameters).filter(p -> !p.isEmpty()).toList();
  }
}
