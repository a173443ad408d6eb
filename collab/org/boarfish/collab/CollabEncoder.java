package org.boarfish.collab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.boarfish.data.InputEncoder;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Tensor;

/**
 * Encodes raw (user, item) pairs into the collab models' input {@code x [B, 2]} with the training
 * vocabularies; unseen ids use row 0 ({@code #na#}), as fastai. A pair may be a {@link UserItem}, a
 * two-element {@code List} or {@code Object[]}, a {@code Map} with the user and item column names
 * (e.g. a row of the ratings), or the text {@code "user,item"}. Exported with the learner (kind
 * {@value #KIND}), so {@code Learner.load(file).predict(UserItem.of(u, i))} works in a fresh JVM.
 */
public final class CollabEncoder implements InputEncoder {
  /** The kind exports name. */
  public static final String KIND = "collab";

  private final Supplier<CollabClasses> classes;
  private final String userName;
  private final String itemName;

  CollabEncoder(Supplier<CollabClasses> classes) {
    this(classes, "userId", "movieId");
  }

  CollabEncoder(Supplier<CollabClasses> classes, String userName, String itemName) {
    this.classes = classes;
    this.userName = userName;
    this.itemName = itemName;
  }

  /** An encoder over fixed vocabularies (what {@link #toJson()} stored). */
  public static CollabEncoder fromJson(JsonNode state) {
    CollabClasses c = CollabClasses.fromJson(state.path("classes"));
    return new CollabEncoder(
        () -> c, state.path("userName").asText("userId"), state.path("itemName").asText("movieId"));
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JsonNode toJson() {
    var o = CollabClasses.JSON.createObjectNode();
    o.put("userName", userName);
    o.put("itemName", itemName);
    o.set("classes", classes.get().toJson());
    return o;
  }

  /** The vocabularies it encodes with. */
  public CollabClasses classes() {
    return classes.get();
  }

  @Override
  public Tuple encode(List<?> pairs) {
    CollabClasses c = classes.get();
    long[] x = new long[2 * pairs.size()];
    for (int k = 0; k < pairs.size(); k++) {
      Object[] ui = pair(pairs.get(k), k);
      x[2 * k] = c.userIndex(ui[0]);
      x[2 * k + 1] = c.itemIndex(ui[1]);
    }
    return new Tuple(List.of(Tensor.of(x, pairs.size(), 2)), 1);
  }

  private Object[] pair(Object p, int k) {
    if (p instanceof UserItem ui) {
      return new Object[] {ui.user(), ui.item()};
    }
    if (p instanceof List<?> l && l.size() == 2) {
      return new Object[] {l.get(0), l.get(1)};
    }
    if (p instanceof Object[] a && a.length == 2) {
      return a;
    }
    if (p instanceof Map<?, ?> m && m.containsKey(userName) && m.containsKey(itemName)) {
      return new Object[] {m.get(userName), m.get(itemName)};
    }
    if (p instanceof String s && s.indexOf(',') > 0) {
      String[] parts = s.split(",", 2);
      return new Object[] {parts[0].trim(), parts[1].trim()};
    }
    throw new IllegalArgumentException(
        "item "
            + k
            + " ("
            + p
            + ") is not a (user, item) pair: pass UserItem.of(user, item), List.of(user, item), "
            + "a Map with keys '"
            + userName
            + "' and '"
            + itemName
            + "', or \"user,item\"");
  }

  @Override
  public String toString() {
    CollabClasses c = classes.get();
    return "CollabEncoder[" + c.users().size() + " users, " + c.items().size() + " items]";
  }
}
