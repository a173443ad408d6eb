package org.boarfish.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How an application turns raw inputs (a table row, a user/item pair, a text, an image file) into
 * the model's input batch, with the state that needs (vocabularies, statistics, procs) as JSON.
 *
 * <p>Give one to {@link DataLoaders#inputEncoder(InputEncoder)}: {@code learn.predict(raw)} then
 * encodes through it, and {@code learn.export(file)} stores {@link #kind()} and {@link #toJson()}
 * so that {@code Learner.load(file)} rebuilds it in a fresh JVM through {@link InputEncoders}.
 */
public interface InputEncoder {
  /** The name its factory is registered under in {@link InputEncoders}. */
  String kind();

  /** Everything the factory needs to rebuild this encoder; no code, only data. */
  JsonNode toJson();

  /**
   * The model's inputs for these raw items: a tuple whose elements are all inputs (one tensor per
   * model input, the items along dimension 0; {@code nInp} = its size); an {@link
   * IllegalArgumentException} naming the item and the fix when one cannot be encoded.
   */
  Tuple encode(List<?> items);
}
