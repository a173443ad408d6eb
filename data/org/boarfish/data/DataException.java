package org.boarfish.data;

import java.util.OptionalLong;

/**
 * A failure while building data, carrying the index of the item it happened on (in the loader's
 * dataset) when there is one; the original exception is the cause. Thrown in the caller's thread
 * even when a loader worker failed.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long itemIndex;

  /** A failure on an item ({@code itemIndex} -1 when it was not about one item). */
  public DataException(String message, Throwable cause, long itemIndex) {
    super(message, cause);
    this.itemIndex = itemIndex;
  }

  /** The index of the item being built when it failed, if it was about one item. */
  public OptionalLong itemIndex() {
    return itemIndex < 0 ? OptionalLong.empty() : OptionalLong.of(itemIndex);
  }
}
