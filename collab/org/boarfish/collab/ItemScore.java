package org.boarfish.collab;

/**
 * An item with a number: its bias ({@code mostBiased}) or its cosine similarity ({@code
 * similarItems}).
 *
 * @param id the item id
 * @param title its title, or the id when there are no titles
 * @param value the bias or similarity
 */
public record ItemScore(String id, String title, double value) {
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%s (%.4f)", title, value);
  }
}
