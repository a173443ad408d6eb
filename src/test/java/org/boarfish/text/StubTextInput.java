package org.boarfish.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.InputEncoders;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * A test-only {@link TextInput}: splits on whitespace and maps words through a fixed vocabulary;
 * several texts are padded first with {@link Vocab#PAD} to the longest.
 */
record StubTextInput(Vocab vocab) implements TextInput {
  static final String KIND = "test_text";

  static void registerFactory() {
    InputEncoders.register(
        KIND,
        json -> {
          List<String> itos = new ArrayList<>();
          json.path("itos").forEach(n -> itos.add(n.asText()));
          return new StubTextInput(new Vocab(itos));
        });
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JsonNode toJson() {
    var node = new ObjectMapper().createObjectNode();
    ArrayNode a = node.putArray("itos");
    vocab.itos().forEach(a::add);
    return node;
  }

  @Override
  public Tuple encode(List<?> items) {
    List<long[]> rows = new ArrayList<>();
    int max = 1;
    for (Object o : items) {
      String[] words = String.valueOf(o).trim().split("\\s+");
      long[] ids = new long[words.length];
      for (int i = 0; i < words.length; i++) {
        ids[i] = vocab.stoi(words[i]);
      }
      rows.add(ids);
      max = Math.max(max, ids.length);
    }
    long[] flat = new long[rows.size() * max];
    java.util.Arrays.fill(flat, Vocab.PAD);
    for (int r = 0; r < rows.size(); r++) {
      long[] ids = rows.get(r);
      System.arraycopy(ids, 0, flat, r * max + max - ids.length, ids.length);
    }
    return new Tuple(List.of(Tensor.of(flat, rows.size(), max)), 1);
  }
}
