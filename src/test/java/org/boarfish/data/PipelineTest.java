package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.Generator;
import org.junit.jupiter.api.Test;

/**
 * Pipeline order, incremental setup, reverse decode, split restriction, tuple dispatch, random
 * transforms.
 */
class PipelineTest {

  /** Appends its tag to strings; records setups and decodes. */
  static final class Tag extends Transform<String, String> {
    final String tag;
    final int order;
    final List<String> log;
    List<Object> seen;

    Tag(String tag, int order, List<String> log) {
      super(String.class, String.class);
      this.tag = tag;
      this.order = order;
      this.log = log;
    }

    @Override
    public String encode(String x) {
      return x + tag;
    }

    @Override
    public String decode(String y) {
      log.add("decode " + tag);
      return y.endsWith(tag) ? y.substring(0, y.length() - tag.length()) : y;
    }

    @Override
    public void setup(List<?> items) {
      seen = new ArrayList<>(items);
      log.add("setup " + tag);
    }

    @Override
    public int order() {
      return order;
    }

    @Override
    public String name() {
      return tag;
    }
  }

  @Test
  void sortsByOrderStablyAndDecodesInReverse() {
    List<String> log = new ArrayList<>();
    var b = new Tag("b", 1, log);
    var a = new Tag("a", 0, log);
    var c = new Tag("c", 1, log);
    var p = Pipeline.of(b, a, c);
    assertEquals(List.of(a, b, c), p.transforms());
    assertEquals("Pipeline: a -> b -> c", p.toString());
    assertEquals("xabc", p.apply("x"));
    log.clear();
    assertEquals("x", p.decode("xabc"));
    assertEquals(List.of("decode c", "decode b", "decode a"), log);
  }

  @Test
  void setupIsIncremental() {
    List<String> log = new ArrayList<>();
    var a = new Tag("a", 0, log);
    var b = new Tag("b", 1, log);
    Pipeline.of(a, b).setup(List.of("x", "y"));
    assertEquals(List.of("setup a", "setup b"), log);
    assertEquals(List.of("x", "y"), a.seen);
    assertEquals(List.of("xa", "ya"), b.seen, "b is set up on the items already passed through a");
  }

  @Test
  void splitRestrictedTransformsRunOnlyOnTheirSplit() {
    var trainOnly =
        new Transform<String, String>(String.class, String.class) {
          @Override
          public String encode(String x) {
            return x + "+aug";
          }

          @Override
          public Split split() {
            return Split.TRAIN;
          }
        };
    var p = Pipeline.of(trainOnly);
    assertEquals("x+aug", p.apply("x", Split.TRAIN));
    assertEquals("x", p.apply("x", Split.VALID));
    assertEquals(
        "x",
        p.apply("x", Split.ALL),
        "as in fastai, a call for no split skips restricted transforms");

    var tl = new TfmdLists(List.of("a", "b", "c"), p, new Splits(new int[] {0, 1}, new int[] {2}));
    assertEquals("a+aug", tl.train().get(0));
    assertEquals("c", tl.valid().get(0));
  }

  @Test
  void elementTransformsLeaveOtherTypesAloneAndItemTransformsSeeTheTuple() {
    var p = Pipeline.of(new Tag("!", 0, new ArrayList<>()));
    assertEquals(Tuple.of("x!", 3), p.apply(Tuple.of("x", 3)));
    var swap =
        new ItemTransform<Tuple, Tuple>(Tuple.class, Tuple.class) {
          @Override
          public Tuple encode(Tuple t) {
            return Tuple.of(t.get(1), t.get(0));
          }
        };
    assertEquals(Tuple.of(3, "x"), swap.apply(Tuple.of("x", 3)));
  }

  /** Appends a random number (the same to every string element of one call). */
  static final class Noise extends RandTransform<String, String, Long> {
    Noise(double p, long seed) {
      super(String.class, String.class, p, seed);
    }

    @Override
    protected Long draw(Generator rng, Split split) {
      return rng.nextLong(0, 1_000_000);
    }

    @Override
    protected String encode(String x, Long n) {
      return x + n;
    }
  }

  @Test
  void randomTransformsDrawOncePerCallFromASeededGenerator() {
    var t = (Tuple) new Noise(1, 5).apply(Tuple.of("a", "b"), Split.TRAIN);
    assertEquals(
        ((String) t.get(0)).substring(1), ((String) t.get(1)).substring(1), "one draw per call");
    assertEquals(t, new Noise(1, 5).apply(Tuple.of("a", "b"), Split.TRAIN), "same seed, same draw");
    assertNotEquals(t, new Noise(1, 6).apply(Tuple.of("a", "b"), Split.TRAIN));
    assertEquals("a", new Noise(0, 5).apply("a", Split.TRAIN), "p = 0 never fires");
    assertEquals("a", new Noise(1, 5).apply("a", Split.VALID), "training split only by default");
    var half = new Noise(0.5, 1);
    int fired = 0;
    for (int i = 0; i < 400; i++) {
      fired += half.apply("a", Split.TRAIN).equals("a") ? 0 : 1;
    }
    assertTrue(fired > 150 && fired < 250, "fired " + fired + " of 400 at p = 0.5");
  }

  @Test
  void tfmdListsSetUpOnTheTrainingItemsOnly() {
    var cat = new Categorize(true);
    var tl =
        new TfmdLists(
            List.of("a", "b", "z"), Pipeline.of(cat), new Splits(new int[] {0, 1}, new int[] {2}));
    assertEquals(List.of(CategoryMap.NA, "a", "b"), cat.vocab().items());
    assertEquals(new Category(CategoryMap.NA, 0), tl.valid().get(0));
    assertEquals(new Category("b", 2), tl.decode(Category.ofIndex(2)));
    assertEquals(3, tl.size());
    assertEquals(List.of("z"), new ArrayList<>(tl.valid().items()));
  }

  @Test
  void datasetsMakeTuplesAndDecodeThem() {
    List<String> items = List.of("cat_1", "dog_2", "cat_3", "dog_4");
    var x =
        Pipeline.of(
            Transform.of(
                "number", String.class, s -> Integer.parseInt(s.substring(s.indexOf('_') + 1))));
    var y =
        Pipeline.of(
            Transform.of("label", String.class, s -> s.substring(0, s.indexOf('_'))),
            new Categorize());
    var ds = new Datasets(items, List.of(x, y), new Splits(new int[] {0, 1, 2}, new int[] {3}), 1);
    assertEquals(3, ds.train().size());
    assertEquals(1, ds.valid().size());
    Tuple s = ds.valid().get(0);
    assertEquals(Tuple.of(4, new Category("dog", 1)), s);
    assertEquals(Tuple.of(4, new Category("dog", 1)), ds.decode(Tuple.of(4, Category.ofIndex(1))));
    assertSame(ds.pipelines().get(1), ds.train().pipelines().get(1));
    assertEquals("dog_4", ds.valid().rawItem(0));
  }
}
