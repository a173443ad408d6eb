package org.boarfish.learner;

/**
 * An application's contribution to loading exports: it registers its model factories with {@link
 * ModelRegistry} and its input encoders with {@link org.boarfish.data.InputEncoders}. Found with
 * {@link java.util.ServiceLoader} (list the class in {@code
 * callbacks/META-INF/services/org.boarfish.learner.ExportPlugin}, the artifact's one registry), so
 * that a fresh JVM can load an export without the training code having run.
 */
public interface ExportPlugin {
  /** Registers this application's models and input encoders; called once per JVM. */
  void register();
}
