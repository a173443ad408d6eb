package org.boarfish.tensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A memory scope: every tensor created inside it lives in one native arena that is reset when the
 * scope closes, so a training step allocates nothing from the system after its first run and
 * off-heap memory stays flat.
 *
 * <pre>{@code
 * try (var scope = Scope.open()) {
 *   var loss = model.forward(x).crossEntropy(y);
 *   loss.backward();
 *   opt.step();
 *   lastLoss = loss.item();          // plain values leave freely
 *   kept = loss.keep();              // a tensor that must outlive the scope is copied out
 * }
 * }</pre>
 *
 * <p>Parameters, their gradients and optimizer state are allocated outside any scope ({@link
 * #outside}), so they survive. Using a tensor after its scope closed throws {@link
 * IllegalStateException} instead of reading reused memory. Scopes nest; each thread has its own
 * stack. Outside any scope tensors are freed by the garbage collector, which is fine for
 * interactive use.
 */
public final class Scope implements AutoCloseable {
  private static final ThreadLocal<Deque<Scope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
  private static final ThreadLocal<int[]> OUTSIDE = ThreadLocal.withInitial(() -> new int[1]);
  private static final WorkspaceConfiguration CONFIG =
      WorkspaceConfiguration.builder()
          .initialSize(0)
          .overallocationLimit(0.3)
          .policyAllocation(AllocationPolicy.OVERALLOCATE)
          .policyLearning(LearningPolicy.FIRST_LOOP)
          .policySpill(SpillPolicy.REALLOCATE)
          .policyReset(ResetPolicy.BLOCK_LEFT)
          .build();

  private final MemoryWorkspace workspace;
  private final int depth;
  private boolean closed;

  private Scope(MemoryWorkspace workspace, int depth) {
    this.workspace = workspace;
    this.depth = depth;
  }

  /** Opens a scope on this thread; close it with try-with-resources. */
  public static Scope open() {
    Deque<Scope> stack = STACK.get();
    int depth = stack.size();
    MemoryWorkspace ws =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "boarfish-scope-" + depth);
    Scope s = new Scope(ws, depth);
    stack.push(s);
    return s;
  }

  /**
   * The innermost open scope whose arena new arrays go to, or null (none open, or inside {@link
   * #outside}).
   */
  static Scope current() {
    if (OUTSIDE.get()[0] > 0) {
      return null;
    }
    return STACK.get().peek();
  }

  /**
   * Runs {@code work} with every scope suspended, so that what it allocates is ordinary, long-lived
   * memory: parameters, gradients, optimizer state, values to keep.
   */
  public static <T> T outside(Supplier<T> work) {
    if (STACK.get().isEmpty() || OUTSIDE.get()[0] > 0) {
      return work.get();
    }
    OUTSIDE.get()[0]++;
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return work.get();
    } finally {
      OUTSIDE.get()[0]--;
    }
  }

  /** True once closed: tensors made inside may no longer be read. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    Deque<Scope> stack = STACK.get();
    if (stack.peek() != this) {
      throw new IllegalStateException(
          "scopes must close in the reverse order they were opened (use try-with-resources)");
    }
    stack.pop();
    closed = true;
    workspace.close();
  }

  @Override
  public String toString() {
    return "Scope[depth " + depth + (closed ? ", closed]" : "]");
  }
}
