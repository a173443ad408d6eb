package org.boarfish.tabular;

/** The kind of target of {@link TabularData}: a class, or one or more numbers. */
public enum YBlock {
  /** One categorical target; cross-entropy loss, the decoded class. */
  CATEGORY,
  /** Numeric targets; mean squared error loss. */
  REGRESSION
}
