package org.boarfish.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * A model's layers with their output shapes and parameter counts, as fastai's {@code summary()}:
 * found by running one forward pass on zeros in evaluation mode, without recording and inside a
 * {@link Scope}, with a forward hook on every leaf layer (and on every module holding parameters of
 * its own). The model's train/eval flags and statistics are left as they were. {@code toString()}
 * prints the table.
 *
 * @param model the model's class name
 * @param inputShape the shape of the input used
 * @param rows one per layer call, in call order
 * @param totalParams all parameters (tied ones once)
 * @param trainableParams the parameters that require grad
 */
public record ModelSummary(
    String model, long[] inputShape, List<Row> rows, long totalParams, long trainableParams) {

  /**
   * One layer call: dotted name, class name, output shape, own parameter count, whether they all
   * train.
   */
  public record Row(String name, String type, long[] outputShape, long params, boolean trainable) {}

  public ModelSummary {
    inputShape = inputShape.clone();
    rows = List.copyOf(rows);
  }

  /** Runs {@code model} on zeros (float32) of {@code inputShape}. */
  public static ModelSummary of(Module model, long... inputShape) {
    try (Scope scope = Scope.open()) {
      return of(model, Tensor.zeros(inputShape));
    }
  }

  /** Runs {@code model} on {@code input} (for models that need int or non-zero input). */
  public static ModelSummary of(Module model, Tensor input) {
    List<Row> rows = new ArrayList<>();
    List<HookHandle> handles = new ArrayList<>();
    Map<Module, Boolean> modes = new IdentityHashMap<>();
    model
        .namedModules()
        .forEach(
            (name, m) -> {
              modes.put(m, m.isTraining());
              List<Tensor> own = m.ownParameters();
              if (m.namedChildren().isEmpty() || !own.isEmpty()) {
                long count = own.stream().mapToLong(Tensor::numel).sum();
                boolean trainable = !own.isEmpty() && own.stream().allMatch(Tensor::requiresGrad);
                handles.add(
                    m.registerForwardHook(
                        (mod, in, out) ->
                            rows.add(
                                new Row(
                                    name.isEmpty() ? "(model)" : name,
                                    mod.name(),
                                    out.shape(),
                                    count,
                                    trainable))));
              }
            });
    model.eval();
    try (Scope scope = Scope.open();
        Autograd.NoGrad ng = Autograd.noGrad()) {
      model.call(input);
    } finally {
      handles.forEach(HookHandle::remove);
      modes.forEach(Module::setTrainingFlag);
    }
    List<Tensor> params = model.parameters();
    long total = params.stream().mapToLong(Tensor::numel).sum();
    long trainable = params.stream().filter(Tensor::requiresGrad).mapToLong(Tensor::numel).sum();
    return new ModelSummary(model.name(), input.shape(), rows, total, trainable);
  }

  @Override
  public String toString() {
    String[] head = {"Layer", "Type", "Output Shape", "Param #", "Trainable"};
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows) {
      cells.add(
          new String[] {
            r.name(),
            r.type(),
            Repr.shape(r.outputShape()),
            String.format("%,d", r.params()),
            r.params() == 0 ? "" : Repr.b(r.trainable())
          });
    }
    int[] w = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      w[i] = head[i].length();
      for (String[] c : cells) {
        w[i] = Math.max(w[i], c[i].length());
      }
    }
    int width = 0;
    for (int x : w) {
      width += x + 2;
    }
    String rule = "=".repeat(width) + "\n";
    StringBuilder sb =
        new StringBuilder(model + " (Input shape: " + Repr.shape(inputShape) + ")\n").append(rule);
    line(sb, head, w);
    sb.append(rule);
    cells.forEach(c -> line(sb, c, w));
    sb.append(rule)
        .append(String.format("Total params: %,d%n", totalParams))
        .append(String.format("Total trainable params: %,d%n", trainableParams))
        .append(String.format("Total non-trainable params: %,d", totalParams - trainableParams));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] c, int[] w) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      boolean right = i == 3;
      String f = "%" + (right ? "" : "-") + w[i] + "s";
      l.append(String.format(f, c[i])).append("  ");
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }
}
