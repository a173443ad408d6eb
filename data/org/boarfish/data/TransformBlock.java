package org.boarfish.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What one element of a sample needs, like fastai's {@code TransformBlock}: type transforms (raw
 * value to item, in the element's own pipeline after its getter), item transforms and batch
 * transforms (merged into the loaders'), an optional {@code beforeBatch} hook, the loss it
 * suggests, and how to show it. {@link Blocks} makes the standard ones; applications make theirs
 * the same way (vision's {@code ImageBlock} is a type transform opening the file plus {@link
 * IntToFloatTensor} as batch transform).
 */
public final class TransformBlock {
  private final String name;
  private final List<Transform<?, ?>> typeTfms;
  private final List<Transform<?, ?>> itemTfms;
  private final List<Transform<?, ?>> batchTfms;
  private final UnaryOperator<List<Object>> beforeBatch;
  private final LossHint lossHint;
  private final Shower shower;
  private final UnaryOperator<DataLoader.Builder> loaders;

  private TransformBlock(Builder b) {
    this.name = b.name;
    this.typeTfms = Collections.unmodifiableList(new ArrayList<>(b.typeTfms));
    this.itemTfms = Collections.unmodifiableList(new ArrayList<>(b.itemTfms));
    this.batchTfms = Collections.unmodifiableList(new ArrayList<>(b.batchTfms));
    this.beforeBatch = b.beforeBatch;
    this.lossHint = b.lossHint;
    this.shower = b.shower;
    this.loaders = b.loaders;
  }

  /** A builder; every part is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name shown in summaries. */
  public String name() {
    return name;
  }

  /** Transforms from the raw value (after the getter) to the item. */
  public List<Transform<?, ?>> typeTfms() {
    return typeTfms;
  }

  /** Transforms added to the loaders' item transforms. */
  public List<Transform<?, ?>> itemTfms() {
    return itemTfms;
  }

  /** Transforms added to the loaders' batch transforms. */
  public List<Transform<?, ?>> batchTfms() {
    return batchTfms;
  }

  /** A hook on a batch's samples before collation, if any. */
  public Optional<UnaryOperator<List<Object>>> beforeBatch() {
    return Optional.ofNullable(beforeBatch);
  }

  /** The loss this block suggests as a target. */
  public LossHint lossHint() {
    return lossHint;
  }

  /** How to show batches whose first input is this block's, if it has its own way. */
  public Optional<Shower> shower() {
    return Optional.ofNullable(shower);
  }

  /**
   * How loaders over data whose first input is this block's are set up (fastai's {@code dl_type}: a
   * sampler, a collation), if the block needs it.
   */
  public Optional<UnaryOperator<DataLoader.Builder>> loaders() {
    return Optional.ofNullable(loaders);
  }

  @Override
  public String toString() {
    return name
        + "[type "
        + typeTfms
        + ", item "
        + itemTfms
        + ", batch "
        + batchTfms
        + (lossHint == LossHint.NONE ? "" : ", " + lossHint)
        + "]";
  }

  /** Builds a {@link TransformBlock}. */
  public static final class Builder {
    private String name = "TransformBlock";
    private final List<Transform<?, ?>> typeTfms = new ArrayList<>();
    private final List<Transform<?, ?>> itemTfms = new ArrayList<>();
    private final List<Transform<?, ?>> batchTfms = new ArrayList<>();
    private UnaryOperator<List<Object>> beforeBatch;
    private LossHint lossHint = LossHint.NONE;
    private Shower shower;
    private UnaryOperator<DataLoader.Builder> loaders;

    private Builder() {}

    /** The name shown in summaries. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Type transforms (raw value to item). */
    public Builder typeTfms(Transform<?, ?>... tfms) {
      typeTfms.addAll(nonNull("typeTfms", tfms));
      return this;
    }

    /** Item transforms. */
    public Builder itemTfms(Transform<?, ?>... tfms) {
      itemTfms.addAll(nonNull("itemTfms", tfms));
      return this;
    }

    /** Batch transforms. */
    public Builder batchTfms(Transform<?, ?>... tfms) {
      batchTfms.addAll(nonNull("batchTfms", tfms));
      return this;
    }

    /** A hook on a batch's samples before collation (e.g. padding to a common size). */
    public Builder beforeBatch(UnaryOperator<List<Object>> hook) {
      this.beforeBatch = Objects.requireNonNull(hook, "beforeBatch");
      return this;
    }

    /** The loss this block suggests when it is the target. */
    public Builder lossHint(LossHint hint) {
      this.lossHint = Objects.requireNonNull(hint, "lossHint");
      return this;
    }

    /** How to show batches whose first input is this block's. */
    public Builder shower(Shower shower) {
      this.shower = Objects.requireNonNull(shower, "shower");
      return this;
    }

    /**
     * Sets up the training loader's builder (the validation loader is made from it) when this block
     * is the first input: fastai's {@code dl_type}, e.g. a {@link BatchSampler}.
     */
    public Builder loaders(UnaryOperator<DataLoader.Builder> setup) {
      this.loaders = Objects.requireNonNull(setup, "loaders");
      return this;
    }

    /** The block. */
    public TransformBlock build() {
      return new TransformBlock(this);
    }

    private static List<Transform<?, ?>> nonNull(String what, Transform<?, ?>[] tfms) {
      for (int i = 0; i < tfms.length; i++) {
        if (tfms[i] == null) {
          throw new IllegalArgumentException(what + ": transform " + i + " is null");
        }
      }
      return Arrays.asList(tfms);
    }
  }
}
