package org.boarfish.nn;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * Modules applied one after the other, as {@code nn.Sequential}; children are named {@code "0"},
 * {@code "1"}, ...
 *
 * <pre>{@code
 * var model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
 * model.get(0);          // Linear(in_features=4, out_features=8, bias=True)
 * }</pre>
 */
public class Sequential extends Module {
  /** The given modules in order. */
  public Sequential(Module... modules) {
    for (Module m : modules) {
      add(m);
    }
  }

  /** The given modules in order. */
  public Sequential(List<? extends Module> modules) {
    modules.forEach(this::add);
  }

  /** Appends a module named by its position; returns this. */
  public Sequential add(Module m) {
    register(Integer.toString(size()), m);
    return this;
  }

  /** Appends a module under a name of its own (as {@code add_module}); returns this. */
  public Sequential add(String name, Module m) {
    register(name, m);
    return this;
  }

  /** The module at {@code index} (negative counts from the end). */
  public Module get(int index) {
    List<Module> c = children();
    int i = index < 0 ? index + c.size() : index;
    if (i < 0 || i >= c.size()) {
      throw new IndexOutOfBoundsException(
          name() + " has " + c.size() + " modules, index " + index + " is out of range");
    }
    return c.get(i);
  }

  /** The number of modules. */
  public int size() {
    return namedChildren().size();
  }

  @Override
  public Tensor forward(Tensor x) {
    for (Module m : namedChildren().values()) {
      x = m.call(x);
    }
    return x;
  }
}
