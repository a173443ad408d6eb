package org.boarfish.nn;

import java.util.List;
import org.boarfish.tensor.F;
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

  /**
   * Runs the modules in order. A {@link Linear} directly followed by a {@link ReLU} (both exactly
   * those classes, neither with hooks) runs as one fused op, {@link F#linearRelu}: same result, one
   * pass less over the activations each way.
   */
  @Override
  public Tensor forward(Tensor x) {
    Module[] ms = namedChildren().values().toArray(new Module[0]);
    for (int i = 0; i < ms.length; i++) {
      if (i + 1 < ms.length && fusesWithRelu(ms[i], ms[i + 1])) {
        x = ((Linear) ms[i]).forwardRelu(x);
        i++;
      } else {
        x = ms[i].call(x);
      }
    }
    return x;
  }

  private static boolean fusesWithRelu(Module a, Module b) {
    return a.getClass() == Linear.class
        && b.getClass() == ReLU.class
        && !a.hasHooks()
        && !b.hasHooks();
  }
}
