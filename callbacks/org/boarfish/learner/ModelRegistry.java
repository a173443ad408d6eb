package org.boarfish.learner;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.boarfish.nn.ConvLayer;
import org.boarfish.nn.Flatten;
import org.boarfish.nn.Module;
import org.boarfish.nn.Sequential;

/**
 * Named model factories, so that an export can name how to rebuild its model: Java cannot serialise
 * an arbitrary {@link Module}'s code, so {@link Learner#export} stores a {@link ModelRecipe}
 * (factory name + JSON settings) and {@link Learner#load(java.nio.file.Path)} calls the factory
 * again, then loads the weights.
 *
 * <pre>{@code
 * ModelRegistry.register("my_mlp", cfg -> new Sequential(new Linear(784, cfg.getInt("hidden", 256)), ...));
 * var model = ModelRegistry.build("my_mlp", ModelConfig.empty().with("hidden", 128));   // remembers its recipe
 * }</pre>
 *
 * <p>Built in: {@code simple_cnn} (settings {@code in} = 1, {@code channels} = [8, 16, 32, 64],
 * {@code nOut} = 10): stride-2 3×3 {@link ConvLayer}s with batch norm and ReLU, a last stride-2
 * conv to nOut without either, and a flatten; on 28×28 inputs the output is {@code [B, nOut]}. A
 * process that loads an export of a model of its own must register the factory first, under the
 * same name.
 */
public final class ModelRegistry {
  private static final Map<String, Function<ModelConfig, Module>> FACTORIES =
      new ConcurrentHashMap<>();
  private static final Map<Module, ModelRecipe> BUILT =
      Collections.synchronizedMap(new WeakHashMap<>());

  static {
    register("simple_cnn", ModelRegistry::simpleCnn);
  }

  private ModelRegistry() {}

  /** Registers (or replaces) a factory under {@code name}. */
  public static void register(String name, Function<ModelConfig, Module> factory) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a model factory needs a non-empty name");
    }
    FACTORIES.put(name, java.util.Objects.requireNonNull(factory, "factory"));
  }

  /**
   * Builds a model from a registered factory and remembers its recipe for {@link Learner#export}.
   */
  public static Module build(String name, ModelConfig config) {
    Function<ModelConfig, Module> f = FACTORIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "no model factory named '"
              + name
              + "' is registered (known: "
              + names()
              + "); call ModelRegistry.register(\""
              + name
              + "\", config -> ...) first");
    }
    Module m = f.apply(config);
    if (m == null) {
      throw new IllegalStateException("the model factory '" + name + "' returned null");
    }
    BUILT.put(m, new ModelRecipe(name, config));
    return m;
  }

  /** Builds a model from a recipe. */
  public static Module build(ModelRecipe recipe) {
    return build(recipe.name(), recipe.config());
  }

  /** The recipe a model was built from, if it was built here. */
  public static Optional<ModelRecipe> recipeOf(Module model) {
    return Optional.ofNullable(BUILT.get(model));
  }

  /** The registered names, sorted. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(FACTORIES.keySet()));
  }

  /** Whether a factory is registered under {@code name}. */
  public static boolean isRegistered(String name) {
    return FACTORIES.containsKey(name);
  }

  private static Module simpleCnn(ModelConfig cfg) {
    int in = cfg.getInt("in", 1);
    int[] ch = cfg.getInts("channels", new int[] {8, 16, 32, 64});
    int nOut = cfg.getInt("nOut", 10);
    Sequential s = new Sequential();
    int prev = in;
    for (int c : ch) {
      s.add(new ConvLayer(prev, c, 3, 2));
      prev = c;
    }
    s.add(
        new ConvLayer(
            prev, nOut, 3, 2, ConvLayer.Options.defaults().withNorm(ConvLayer.Norm.NONE).noAct()));
    s.add(new Flatten());
    return s;
  }
}
