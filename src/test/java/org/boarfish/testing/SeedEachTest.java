package org.boarfish.testing;

import org.boarfish.tensor.Generator;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reseeds {@link Generator#global()} before every test (registered for all tests through
 * junit-platform.properties), so that a test drawing from the global generator gets the same
 * numbers whether it runs alone, first or after a hundred others.
 */
public final class SeedEachTest implements BeforeEachCallback {
  /** The seed every test starts from. */
  public static final long SEED = 0x5eedL;

  @Override
  public void beforeEach(ExtensionContext context) {
    Generator.manualSeed(SEED);
  }
}
