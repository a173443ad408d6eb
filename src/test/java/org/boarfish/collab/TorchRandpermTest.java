package org.boarfish.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Collections;
import org.boarfish.data.Splits;
import org.boarfish.data.Splitters;
import org.boarfish.data.TorchRandperm;
import org.junit.jupiter.api.Test;

/** torch.randperm after torch.manual_seed, and fastai's RandomSplitter on it. */
class TorchRandpermTest {
  @Test
  void matchesTorchRandperm() {
    // torch.manual_seed(42); torch.randperm(10) and torch.manual_seed(7); torch.randperm(25)
    assertArrayEquals(new int[] {2, 6, 1, 8, 4, 5, 0, 9, 3, 7}, TorchRandperm.permutation(10, 42));
    assertArrayEquals(
        new int[] {
          15, 5, 19, 23, 1, 12, 0, 4, 6, 18, 3, 24, 17, 22, 9, 8, 16, 7, 20, 2, 21, 14, 11, 13, 10
        },
        TorchRandperm.permutation(25, 7));
  }

  @Test
  void splitterGivesTheReferenceMovielensValidationRows() {
    int[] ref = CollabFixtures.referenceValidRows();
    Splits s = Splitters.random(0.2, 42).split(Collections.nCopies(95_000, 0));
    assertEquals(19_000, ref.length);
    assertArrayEquals(ref, s.valid());
    assertEquals(76_000, s.train().length);
    int[] all = new int[95_000];
    System.arraycopy(s.valid(), 0, all, 0, 19_000);
    System.arraycopy(s.train(), 0, all, 19_000, 76_000);
    Arrays.sort(all);
    for (int i = 0; i < all.length; i++) {
      assertEquals(i, all[i]);
    }
  }
}
