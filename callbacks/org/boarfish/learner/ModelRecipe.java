package org.boarfish.learner;

import java.util.Objects;

/**
 * How to build a model again: the name of a {@link ModelRegistry} factory and its settings. An
 * export stores the recipe instead of code, and {@link Learner#load(java.nio.file.Path)} rebuilds
 * the model from it.
 *
 * @param name the registered factory
 * @param config its settings
 */
public record ModelRecipe(String name, ModelConfig config) {
  /** Checks the values. */
  public ModelRecipe {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "a model recipe needs the name of a registered factory, got '" + name + "'");
    }
    Objects.requireNonNull(config, "config (use ModelConfig.empty())");
  }
}
