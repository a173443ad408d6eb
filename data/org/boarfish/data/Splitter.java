package org.boarfish.data;

import java.util.List;

/** Splits items into training and validation indices; {@link Splitters} has fastai's. */
@FunctionalInterface
public interface Splitter {
  /** The training and validation indices of {@code items}. */
  Splits split(List<?> items);
}
