package org.boarfish.collab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a collab model knows of its data (fastai's {@code dls.classes}): the user and item
 * vocabularies and, when given, the item titles. Interpretation and prediction look ids (or titles)
 * up here.
 *
 * @param users the user vocabulary ({@code #na#} at 0)
 * @param items the item vocabulary ({@code #na#} at 0)
 * @param titles item titles, or null
 */
public record CollabClasses(IdVocab users, IdVocab items, ItemTitles titles) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Checks that both vocabularies are there. */
  public CollabClasses {
    java.util.Objects.requireNonNull(users, "users vocabulary");
    java.util.Objects.requireNonNull(items, "items vocabulary");
  }

  /**
   * The row of an item for lookups that must succeed (interpretation): an item id seen in training,
   * or a title (the first id with that title that was seen in training).
   */
  public int itemIndexStrict(Object item) {
    if (items.contains(item)) {
      return items.indexOf(item);
    }
    if (titles != null && item instanceof String s) {
      for (String id : titles.idsOf(s)) {
        if (items.contains(id)) {
          return items.indexOf(id);
        }
      }
    }
    throw new IllegalArgumentException(
        "item '"
            + item
            + "' is not in the training vocabulary of "
            + (items.size() - 1)
            + " items (ids like "
            + items.get(Math.min(1, items.size() - 1))
            + (titles == null ? "" : ", or a title like '" + titleOr(items.get(1)) + "'")
            + ")");
  }

  /** The row of a user that must be known. */
  public int userIndexStrict(Object user) {
    if (users.contains(user)) {
      return users.indexOf(user);
    }
    throw new IllegalArgumentException(
        "user '"
            + user
            + "' is not in the training vocabulary of "
            + (users.size() - 1)
            + " users (ids like "
            + users.get(Math.min(1, users.size() - 1))
            + ")");
  }

  /** The row of an item at inference: by id, else by title, else 0 ({@code #na#}). */
  public int itemIndex(Object item) {
    if (items.contains(item)) {
      return items.indexOf(item);
    }
    if (titles != null && item instanceof String s) {
      for (String id : titles.idsOf(s)) {
        if (items.contains(id)) {
          return items.indexOf(id);
        }
      }
    }
    return 0;
  }

  /** The row of a user at inference, 0 ({@code #na#}) when unseen. */
  public int userIndex(Object user) {
    return users.indexOf(user);
  }

  /** The title of the item at row {@code i}, or its id when there are no titles. */
  public String itemLabel(int i) {
    return titleOr(items.get(i));
  }

  private String titleOr(String id) {
    String t = titles == null ? null : titles.title(id);
    return t == null ? id : t;
  }

  /** The state as JSON: the two id lists and the titles of the training items. */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    users.ids().forEach(o.putArray("users")::add);
    items.ids().forEach(o.putArray("items")::add);
    if (titles != null) {
      ObjectNode t = o.putObject("titles");
      for (String id : items.ids()) {
        String title = titles.title(id);
        if (title != null) {
          t.put(id, title);
        }
      }
    }
    return o;
  }

  /** The classes stored by {@link #toJson()}. */
  public static CollabClasses fromJson(JsonNode o) {
    if (o == null || !o.path("users").isArray() || !o.path("items").isArray()) {
      throw new IllegalArgumentException(
          "collab classes need 'users' and 'items' id lists, got " + o);
    }
    ItemTitles titles = null;
    if (o.path("titles").isObject()) {
      Map<String, String> m = new LinkedHashMap<>();
      o.get("titles").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
      titles = new ItemTitles(m);
    }
    return new CollabClasses(
        IdVocab.fromIds(strings(o.get("users"))), IdVocab.fromIds(strings(o.get("items"))), titles);
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>(a.size());
    a.forEach(v -> out.add(v.asText()));
    return out;
  }
}
