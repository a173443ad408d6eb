package org.boarfish.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reverse-mode differentiation: records ops while enabled, and {@link Tensor#backward()} walks the
 * recorded graph in reverse topological order, accumulating gradients into the leaves as PyTorch
 * does.
 */
public final class Autograd {
  private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

  private Autograd() {}

  /**
   * A region where no op is recorded (inference, optimizer updates); close it with
   * try-with-resources.
   */
  public static NoGrad noGrad() {
    DISABLED.get()[0]++;
    return new NoGrad();
  }

  /** Whether ops are recorded on this thread right now. */
  public static boolean isEnabled() {
    return DISABLED.get()[0] == 0;
  }

  /** The handle of a {@link #noGrad()} region. */
  public static final class NoGrad implements AutoCloseable {
    private boolean closed;

    private NoGrad() {}

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        DISABLED.get()[0]--;
      }
    }
  }

  static void backward(Tensor root, INDArray seed, boolean retainGraph) {
    Map<Tensor, INDArray> hooked = new IdentityHashMap<>();
    if (root.gradFn() == null) {
      if (root.requiresGrad()) {
        accumulateLeaf(root, seed, hooked);
        runLeafHooks(hooked);
        return;
      }
      throw new IllegalStateException(
          "backward(): this tensor does not require grad and has no graph; set requiresGrad(true) on the leaves "
              + "before computing it, and do not compute it inside Autograd.noGrad()");
    }
    List<Node> order = topologicalOrder(root.gradFn());
    Map<Node, INDArray[]> pending = new IdentityHashMap<>();
    INDArray[] first = new INDArray[root.gradFn().outShapes.length];
    first[root.outputIndex()] = seed;
    pending.put(root.gradFn(), first);
    for (Node node : order) {
      INDArray[] gOut = pending.remove(node);
      if (gOut == null) {
        continue;
      }
      BackwardFn fn = node.fn();
      node.runHooks(gOut);
      for (int k = 0; k < gOut.length; k++) {
        if (gOut[k] == null) {
          gOut[k] = Nd4j.zeros(node.outTypes[k].nd4j(), node.outShapes[k]);
        }
      }
      INDArray[] gIn;
      try (Autograd.NoGrad ignored = noGrad()) {
        gIn = fn.apply(new Grads(gOut, node.inputs));
      }
      if (!retainGraph) {
        node.release();
      }
      for (int i = 0; i < node.inputs.length; i++) {
        Tensor in = node.inputs[i];
        if (!in.requiresGrad() || gIn[i] == null || gIn[i] == Grads.ACCUMULATED) {
          continue;
        }
        INDArray g = checked(node, i, gIn[i], in);
        if (in.gradFn() == null) {
          accumulateLeaf(in, g, hooked);
        } else {
          INDArray[] slot =
              pending.computeIfAbsent(in.gradFn(), n -> new INDArray[n.outShapes.length]);
          int k = in.outputIndex();
          slot[k] = slot[k] == null ? g : slot[k].add(g);
        }
      }
    }
    runLeafHooks(hooked);
  }

  private static void runLeafHooks(Map<Tensor, INDArray> hooked) {
    if (hooked.isEmpty()) {
      return;
    }
    try (Autograd.NoGrad ignored = noGrad()) {
      hooked.forEach(Tensor::runLeafHooks);
    }
  }

  private static INDArray checked(Node node, int i, INDArray g, Tensor in) {
    if (!Arrays.equals(g.shape(), in.shape())) {
      throw new IllegalStateException(
          "internal error in the backward of '"
              + node.op
              + "': gradient of input "
              + i
              + " has shape "
              + Shapes.str(g.shape())
              + " but the input has shape "
              + Shapes.str(in.shape()));
    }
    return g.dataType() == in.dtype().nd4j() ? g : g.castTo(in.dtype().nd4j());
  }

  private static void accumulateLeaf(Tensor leaf, INDArray g, Map<Tensor, INDArray> hooked) {
    if (leaf.hasLeafHooks()) {
      hooked.merge(leaf, g.dup('c'), INDArray::addi);
    }
    INDArray cur = leaf.gradArray();
    if (cur == null) {
      leaf.setGradArray(Scope.outside(() -> g.dup('c')));
    } else {
      Floats.addInPlace(cur, g);
    }
  }

  /** Nodes reachable from {@code root}, each after every node that consumes its outputs. */
  private static List<Node> topologicalOrder(Node root) {
    List<Node> post = new ArrayList<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    seen.add(root);
    while (!stack.isEmpty()) {
      Object[] top = stack.peek();
      Node n = (Node) top[0];
      int i = (Integer) top[1];
      if (i < n.inputs.length) {
        top[1] = i + 1;
        Node child = n.inputs[i].gradFn();
        if (child != null && seen.add(child)) {
          stack.push(new Object[] {child, 0});
        }
      } else {
        stack.pop();
        post.add(n);
      }
    }
    Collections.reverse(post);
    return post;
  }
}
