package org.boarfish.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdVocabTest {
  @Test
  void naAtZeroThenSortedNumerically() {
    IdVocab v = IdVocab.of(List.of("10", "2", "2", "33", "1"));
    assertEquals(List.of("#na#", "1", "2", "10", "33"), v.ids());
    assertEquals(5, v.size());
    assertEquals(3, v.indexOf(10));
    assertEquals(3, v.indexOf("10"));
    assertEquals(3, v.indexOf(10.0));
    assertEquals(3, v.indexOf(10L));
    assertEquals(0, v.indexOf("999"), "unseen ids map to #na#");
    assertFalse(v.contains("999"));
  }

  @Test
  void textIdsSortAsText() {
    IdVocab v = IdVocab.of(List.of("bob", "alice", "10"));
    assertEquals(List.of("#na#", "10", "alice", "bob"), v.ids());
  }

  @Test
  void roundTripsThroughItsIds() {
    IdVocab v = IdVocab.of(List.of(5, 3, 9));
    assertEquals(v.ids(), IdVocab.fromIds(v.ids()).ids());
    assertThrows(IllegalArgumentException.class, () -> IdVocab.fromIds(List.of("3", "5")));
  }

  @Test
  void classesLookUpByIdOrTitleAndSerialise() {
    ItemTitles titles = new ItemTitles(Map.of(1, "Toy Story (1995)", 2, "GoldenEye (1995)"));
    CollabClasses c =
        new CollabClasses(IdVocab.of(List.of(7, 8)), IdVocab.of(List.of(1, 2)), titles);
    assertEquals(2, c.itemIndexStrict("GoldenEye (1995)"));
    assertEquals(1, c.itemIndexStrict(1));
    assertEquals(0, c.itemIndex("Unknown (2020)"));
    var e = assertThrows(IllegalArgumentException.class, () -> c.itemIndexStrict("Nope"));
    assertTrue(e.getMessage().contains("Toy Story (1995)"), e.getMessage());
    CollabClasses back = CollabClasses.fromJson(c.toJson());
    assertEquals(c.users().ids(), back.users().ids());
    assertEquals("GoldenEye (1995)", back.titles().title(2));
  }
}
