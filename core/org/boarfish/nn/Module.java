package org.boarfish.nn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.boarfish.io.LoadReport;
import org.boarfish.io.WeightFiles;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * A layer or a model, as PyTorch's {@code nn.Module}: it holds parameters, buffers and child
 * modules, each registered by name in order, and computes {@link #forward}. Users and parent
 * modules run it with {@link #call}, which also runs the hooks.
 *
 * <pre>{@code
 * class Mlp extends Module {
 *   final Linear l1 = register("l1", new Linear(784, 256));
 *   final Linear l2 = register("l2", new Linear(256, 10));
 *   public Tensor forward(Tensor x) { return l2.call(l1.call(x).relu()); }
 * }
 * }</pre>
 *
 * <p>Names follow PyTorch ({@code 0.weight}, {@code layer1.0.bn1.running_mean}), so {@link
 * #stateDict()} and {@link #loadStateDict} exchange weights with PyTorch state dicts. Parameters
 * and buffers live outside any {@link Scope}, so a model may be built inside one and outlive it.
 */
public abstract class Module {
  private final Map<String, Module> children = new LinkedHashMap<>();
  private final Map<String, Tensor> params = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final List<ForwardHook> forwardHooks = new CopyOnWriteArrayList<>();
  private final List<BackwardHook> backwardHooks = new CopyOnWriteArrayList<>();
  private boolean training = true;

  /** The computation; override it. Call modules through {@link #call} so that hooks run. */
  public Tensor forward(Tensor x) {
    throw new UnsupportedOperationException(
        name()
            + " does not implement forward(Tensor); override it, or use the module's own forward method");
  }

  /**
   * Runs {@link #forward}, then the forward hooks, and arranges for the backward hooks to see the
   * output's gradient.
   */
  public final Tensor call(Tensor x) {
    Tensor out = forward(x);
    for (ForwardHook h : forwardHooks) {
      h.apply(this, x, out);
    }
    if (!backwardHooks.isEmpty() && out.requiresGrad()) {
      out.registerHook(g -> backwardHooks.forEach(h -> h.apply(this, g)));
    }
    return out;
  }

  // ---------------------------------------------------------------- registration

  /** Registers (or replaces) a child module under {@code name} and returns it. */
  public <M extends Module> M register(String name, M child) {
    if (child == null) {
      throw new IllegalArgumentException(
          "register(\"" + name + "\", null): the child module must not be null");
    }
    checkName(name, children);
    children.put(name, child);
    return child;
  }

  /**
   * Registers (or replaces) a parameter: a leaf float tensor that requires grad. A tensor made
   * inside an open {@link Scope} is copied out of it; a tensor that already is a parameter is
   * shared (tied weights).
   */
  public Tensor param(String name, Tensor value) {
    checkName(name, params);
    Tensor p = value.isLeaf() ? value : value.detach();
    if (p.data().isAttached()) {
      p = p.keep();
    }
    p.requiresGrad(true);
    params.put(name, p);
    return p;
  }

  /**
   * A new float32 parameter of zeros, allocated outside scopes; layers initialise it in place with
   * {@link Init}.
   */
  protected Tensor newParam(String name, long... shape) {
    return param(name, Scope.outside(() -> Tensor.zeros(shape)));
  }

  /**
   * Registers (or replaces) a buffer: state saved in the state dict but not trained (running
   * statistics).
   */
  public Tensor buffer(String name, Tensor value) {
    checkName(name, buffers);
    Tensor b = value.isLeaf() ? value : value.detach();
    if (b.data().isAttached()) {
      b = b.keep();
    }
    buffers.put(name, b);
    return b;
  }

  /** This module's own parameter {@code name}. */
  public Tensor param(String name) {
    return lookup("parameter", name, params);
  }

  /** This module's own buffer {@code name}. */
  public Tensor buffer(String name) {
    return lookup("buffer", name, buffers);
  }

  /** This module's own parameters, not its children's. */
  List<Tensor> ownParameters() {
    return List.copyOf(params.values());
  }

  /** This module's own parameter {@code name}, or null when it has none (an optional bias). */
  protected Tensor paramOrNull(String name) {
    return params.get(name);
  }

  private <T> T lookup(String kind, String name, Map<String, T> map) {
    T v = map.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          name() + " has no " + kind + " '" + name + "'; it has " + map.keySet());
    }
    return v;
  }

  private void checkName(String name, Map<String, ?> own) {
    if (name == null || name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException(
          "invalid name '" + name + "': names must be non-empty and contain no '.'");
    }
    for (Map<String, ?> other : List.of(children, params, buffers)) {
      if (other != own && other.containsKey(name)) {
        throw new IllegalArgumentException(
            name()
                + " already has a "
                + (other == children ? "child" : other == params ? "parameter" : "buffer")
                + " named '"
                + name
                + "'; pick another name");
      }
    }
  }

  // ---------------------------------------------------------------- traversal

  /** The direct children in registration order. */
  public List<Module> children() {
    return List.copyOf(children.values());
  }

  /** The direct children by name, in registration order. */
  public Map<String, Module> namedChildren() {
    return Collections.unmodifiableMap(children);
  }

  /** This module and all its descendants, depth first, each once. */
  public List<Module> modules() {
    return List.copyOf(namedModules().values());
  }

  /** This module ({@code ""}) and its descendants by dotted name, depth first, each once. */
  public Map<String, Module> namedModules() {
    Map<String, Module> out = new LinkedHashMap<>();
    collectModules("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return Collections.unmodifiableMap(out);
  }

  private void collectModules(String prefix, Map<String, Module> out, Set<Module> seen) {
    if (!seen.add(this)) {
      return;
    }
    out.put(prefix, this);
    children.forEach(
        (k, c) -> c.collectModules(prefix.isEmpty() ? k : prefix + "." + k, out, seen));
  }

  /** Every parameter of this module and its descendants, each once (tied weights count once). */
  public List<Tensor> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /**
   * Parameters by dotted name ({@code layer1.0.conv1.weight}); a tied parameter appears under its
   * first name.
   */
  public Map<String, Tensor> namedParameters() {
    return distinct(collect(true, false));
  }

  /** Every buffer of this module and its descendants, each once. */
  public List<Tensor> buffers() {
    return List.copyOf(namedBuffers().values());
  }

  /** Buffers by dotted name ({@code bn1.running_mean}). */
  public Map<String, Tensor> namedBuffers() {
    return distinct(collect(false, true));
  }

  /**
   * Parameters and buffers by dotted name in PyTorch's order (own parameters, own buffers, then
   * each child), with tied tensors under every name. The values share memory with the module's
   * tensors (detached from the graph).
   */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect(true, true).forEach((k, v) -> out.put(k, v.detach()));
    return out;
  }

  private Map<String, Tensor> collect(boolean withParams, boolean withBuffers) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectInto("", out, withParams, withBuffers);
    return out;
  }

  private void collectInto(
      String prefix, Map<String, Tensor> out, boolean withParams, boolean withBuffers) {
    if (withParams) {
      params.forEach((k, v) -> out.put(prefix + k, v));
    }
    if (withBuffers) {
      buffers.forEach((k, v) -> out.put(prefix + k, v));
    }
    children.forEach((k, c) -> c.collectInto(prefix + k + ".", out, withParams, withBuffers));
  }

  private static Map<String, Tensor> distinct(Map<String, Tensor> all) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    all.forEach(
        (k, v) -> {
          if (seen.add(v)) {
            out.put(k, v);
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /**
   * Calls {@code fn} on every descendant and then on this module (children first, as PyTorch);
   * returns this.
   */
  public Module apply(Consumer<Module> fn) {
    for (Module c : children.values()) {
      c.apply(fn);
    }
    fn.accept(this);
    return this;
  }

  // ---------------------------------------------------------------- modes and gradients

  /**
   * Training mode for this module and all descendants (dropout active, batch norm uses batch
   * statistics).
   */
  public Module train() {
    return train(true);
  }

  /** Sets training mode ({@code true}) or evaluation mode recursively; returns this. */
  public Module train(boolean mode) {
    modules().forEach(m -> m.setTrainingFlag(mode));
    return this;
  }

  /** Evaluation mode for this module and all descendants; returns this. */
  public Module eval() {
    return train(false);
  }

  /** Sets this module's own flag only (not its children's). */
  void setTrainingFlag(boolean mode) {
    training = mode;
  }

  /** Whether this module is in training mode. */
  public boolean isTraining() {
    return training;
  }

  /** Sets every parameter's gradient to zeros in place (keeping its memory). */
  public void zeroGrad() {
    parameters().forEach(Tensor::zeroGrad);
  }

  /** Freezes ({@code false}) or unfreezes ({@code true}) every parameter; returns this. */
  public Module requiresGrad(boolean value) {
    parameters().forEach(p -> p.requiresGrad(value));
    return this;
  }

  // ---------------------------------------------------------------- hooks

  /**
   * Whether forward or backward hooks are registered on this module (a fused fast path that skips
   * {@link #call} checks this first).
   */
  public boolean hasHooks() {
    return !forwardHooks.isEmpty() || !backwardHooks.isEmpty();
  }

  /**
   * Runs {@code hook} after every forward of this module (via {@link #call}) with its input and
   * output.
   */
  public HookHandle registerForwardHook(ForwardHook hook) {
    forwardHooks.add(hook);
    return () -> forwardHooks.remove(hook);
  }

  /** Runs {@code hook} during backward with the complete gradient of this module's output. */
  public HookHandle registerBackwardHook(BackwardHook hook) {
    backwardHooks.add(hook);
    return () -> backwardHooks.remove(hook);
  }

  // ---------------------------------------------------------------- state dicts, files, summary

  /** Loads a state dict strictly: see {@link #loadStateDict(Map, boolean)}. */
  public LoadReport loadStateDict(Map<String, Tensor> stateDict) {
    return loadStateDict(stateDict, true);
  }

  /**
   * Copies the values of {@code stateDict} in place into this module's parameters and buffers
   * (casting the type when needed). Missing keys, unexpected keys and shape mismatches are all
   * reported together: when {@code strict}, any of them throws {@link IllegalArgumentException}
   * before anything is copied; otherwise the matching entries are loaded and the report is
   * returned.
   */
  public LoadReport loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
    return StateDicts.load(this, collect(true, true), stateDict, strict);
  }

  /**
   * Writes the state dict to {@code file}: safetensors for {@code .safetensors} (the native format,
   * which PyTorch reads with {@code safetensors.torch.load_file}), or NumPy {@code .npz}.
   */
  public void save(Path file) {
    WeightFiles.write(stateDict(), file);
  }

  /**
   * Loads weights strictly from {@code .safetensors}, a PyTorch {@code .pth} state dict or {@code
   * .npz}; throws listing every missing, unexpected or mis-shaped key. Returns this.
   */
  public Module load(Path file) {
    loadStateDict(WeightFiles.read(file), true);
    return this;
  }

  /**
   * Loads weights from a file, strictly or not (see {@link #loadStateDict(Map, boolean)}); returns
   * the report.
   */
  public LoadReport load(Path file, boolean strict) {
    return loadStateDict(WeightFiles.read(file), strict);
  }

  /**
   * A table of each layer's output shape and parameter count for an input of zeros of {@code
   * inputShape}.
   */
  public ModelSummary summary(long... inputShape) {
    return ModelSummary.of(this, inputShape);
  }

  /** Prints {@link #summary} and returns it. */
  public ModelSummary printSummary(long... inputShape) {
    ModelSummary s = summary(inputShape);
    System.out.println(s);
    return s;
  }

  // ---------------------------------------------------------------- printing

  /** The name printed in the tree: the class name unless overridden. */
  public String name() {
    String n = getClass().getSimpleName();
    return n.isEmpty() ? "Module" : n;
  }

  /**
   * The settings printed inside the parentheses, as PyTorch's {@code extra_repr}; empty by default.
   */
  protected String extraRepr() {
    return "";
  }

  /**
   * A tree like PyTorch's: {@code Sequential(\n (0): Linear(in_features=4, out_features=8,
   * bias=True)\n ...)}.
   */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    String extra = extraRepr();
    List<String> extraLines = extra.isEmpty() ? List.of() : List.of(extra.split("\n"));
    lines.addAll(extraLines);
    children.forEach((k, c) -> lines.add("(" + k + "): " + c.toString().replace("\n", "\n  ")));
    StringBuilder sb = new StringBuilder(name()).append('(');
    if (extraLines.size() == 1 && children.isEmpty()) {
      sb.append(extraLines.get(0));
    } else if (!lines.isEmpty()) {
      sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
    }
    return sb.append(')').toString();
  }
}
