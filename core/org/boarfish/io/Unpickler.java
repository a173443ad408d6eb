package org.boarfish.io;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted unpickler: it builds dicts, lists, tuples, strings, numbers, booleans and None, and
 * the few PyTorch objects of an allow-list, and refuses every other Python global the moment the
 * pickle names it. Nothing in a pickle is ever executed: calls ({@code REDUCE}) on allowed globals
 * are interpreted by {@link Callbacks}.
 *
 * <p>Python values map to: int → Long (BigInteger if it does not fit), float → Double, str →
 * String, bool → Boolean, None → null, list → ArrayList, tuple → {@link Tuple}, dict/OrderedDict →
 * LinkedHashMap.
 */
final class Unpickler {
  /**
   * A Python global named by the pickle, e.g. {@code torch._utils._rebuild_tensor_v2}; only allowed
   * ones exist.
   */
  record Global(String module, String name) {
    @Override
    public String toString() {
      return module + "." + name;
    }
  }

  /** A Python tuple (may hold nulls). */
  record Tuple(List<Object> items) {
    Object get(int i) {
      return items.get(i);
    }

    int size() {
      return items.size();
    }
  }

  /** Interprets the pickle's persistent ids and its calls of allowed globals. */
  interface Callbacks {
    /** The object a {@code BINPERSID} id stands for. */
    Object persistentLoad(Object pid);

    /**
     * The result of calling an allowed global (other than {@code collections.OrderedDict}) with
     * {@code args}.
     */
    Object call(Global fn, Tuple args);
  }

  /**
   * The globals a pickle may name: the ordered dict, the tensor rebuild functions and the storage
   * types.
   */
  static final Set<String> ALLOWED =
      Set.of(
          "collections.OrderedDict",
          "torch._utils._rebuild_tensor_v2",
          "torch._utils._rebuild_parameter",
          "torch.FloatStorage",
          "torch.DoubleStorage",
          "torch.LongStorage",
          "torch.IntStorage",
          "torch.BoolStorage",
          "torch.HalfStorage",
          "torch.BFloat16Storage");

  private static final String[] OPCODES = new String[256];

  static {
    String table =
        "(MARK .STOP 0POP 1POP_MARK 2DUP FFLOAT IINT JBININT KBININT1 LLONG MBININT2 NNONE PPERSID "
            + "QBINPERSID RREDUCE SSTRING TBINSTRING USHORT_BINSTRING VUNICODE XBINUNICODE aAPPEND bBUILD cGLOBAL dDICT "
            + "}EMPTY_DICT eAPPENDS gGET hBINGET iINST jLONG_BINGET lLIST ]EMPTY_LIST oOBJ pPUT qBINPUT rLONG_BINPUT "
            + "sSETITEM tTUPLE )EMPTY_TUPLE uSETITEMS GBINFLOAT BBINBYTES CSHORT_BINBYTES";
    for (String s : table.split(" ")) {
      OPCODES[s.charAt(0)] = s.substring(1);
    }
    String[] high = {
      "PROTO",
      "NEWOBJ",
      "EXT1",
      "EXT2",
      "EXT4",
      "TUPLE1",
      "TUPLE2",
      "TUPLE3",
      "NEWTRUE",
      "NEWFALSE",
      "LONG1",
      "LONG4",
      "SHORT_BINUNICODE",
      "BINUNICODE8",
      "BINBYTES8",
      "EMPTY_SET",
      "ADDITEMS",
      "FROZENSET",
      "NEWOBJ_EX",
      "STACK_GLOBAL",
      "MEMOIZE",
      "FRAME",
      "BYTEARRAY8",
      "NEXT_BUFFER",
      "READONLY_BUFFER"
    };
    for (int i = 0; i < high.length; i++) {
      OPCODES[0x80 + i] = high[i];
    }
  }

  private final ByteBuffer in;
  private final Path file;
  private final String entry;
  private final Callbacks callbacks;
  private final ArrayList<Object> stack = new ArrayList<>();
  private final Deque<Integer> marks = new ArrayDeque<>();
  private final Map<Long, Object> memo = new HashMap<>();
  private int opPos;
  private String opName = "";

  /**
   * An unpickler of {@code pickle} (the zip entry {@code entry} of {@code file}, both for
   * messages).
   */
  Unpickler(ByteBuffer pickle, Path file, String entry, Callbacks callbacks) {
    this.in = pickle.slice().order(ByteOrder.LITTLE_ENDIAN);
    this.file = file;
    this.entry = entry;
    this.callbacks = callbacks;
  }

  /** Runs the pickle to its STOP and returns the object it built. */
  Object load() {
    try {
      while (in.hasRemaining()) {
        opPos = in.position();
        int op = in.get() & 0xff;
        opName = OPCODES[op] == null ? String.format("0x%02x", op) : OPCODES[op];
        if (op == '.') {
          return pop();
        }
        step(op);
      }
    } catch (BufferUnderflowException e) {
      throw fail("the pickle ends in the middle of this opcode: " + entry + " is truncated");
    } catch (StackOverflowError e) {
      throw fail("objects nest too deeply to be a state dict");
    }
    throw fail("the pickle ends without a STOP opcode: " + entry + " is truncated");
  }

  private void step(int op) {
    switch (op) {
      case 0x80:
        { // PROTO
          int v = u8();
          if (v > 5) {
            throw fail("pickle protocol " + v + " is newer than any Boarfish knows (2 to 5)");
          }
          break;
        }
      case 0x95:
        in.getLong();
        break; // FRAME: a size hint; the whole pickle is in memory
      case 'c':
        global(line(), line());
        break;
      case 0x93:
        { // STACK_GLOBAL
          String name = as(pop(), String.class, "a global's name");
          global(as(pop(), String.class, "a global's module"), name);
          break;
        }
      case 'q':
        memo.put((long) u8(), peek());
        break;
      case 'r':
        memo.put(Integer.toUnsignedLong(in.getInt()), peek());
        break;
      case 0x94:
        memo.put((long) memo.size(), peek());
        break;
      case 'h':
        push(memoGet(u8()));
        break;
      case 'j':
        push(memoGet(Integer.toUnsignedLong(in.getInt())));
        break;
      case ')':
        push(new Tuple(List.of()));
        break;
      case '}':
        push(new LinkedHashMap<>());
        break;
      case ']':
        push(new ArrayList<>());
        break;
      case '(':
        marks.push(stack.size());
        break;
      case 'a':
        {
          Object v = pop();
          list(peek()).add(v);
          break;
        }
      case 'e':
        {
          List<Object> items = popMark();
          list(peek()).addAll(items);
          break;
        }
      case 't':
        push(new Tuple(Collections.unmodifiableList(popMark())));
        break;
      case 0x85:
        push(tuple(pop()));
        break;
      case 0x86:
        {
          Object b = pop();
          push(tuple(pop(), b));
          break;
        }
      case 0x87:
        {
          Object c = pop();
          Object b = pop();
          push(tuple(pop(), b, c));
          break;
        }
      case 'R':
        reduce();
        break;
      case 'X':
        push(utf8(Integer.toUnsignedLong(in.getInt())));
        break;
      case 0x8c:
        push(utf8(u8()));
        break;
      case 0x8d:
        push(utf8(in.getLong()));
        break;
      case 'J':
        push((long) in.getInt());
        break;
      case 'K':
        push((long) u8());
        break;
      case 'M':
        push((long) Short.toUnsignedInt(in.getShort()));
        break;
      case 0x8a:
        push(long1());
        break;
      case 'G':
        push(Double.longBitsToDouble(Long.reverseBytes(in.getLong())));
        break; // big-endian
      case 0x89:
        push(Boolean.FALSE);
        break;
      case 0x88:
        push(Boolean.TRUE);
        break;
      case 'N':
        push(null);
        break;
      case 'Q':
        push(callbacks.persistentLoad(pop()));
        break;
      case 's':
        {
          Object v = pop();
          Object k = key(pop());
          dict(peek()).put(k, v);
          break;
        }
      case 'u':
        {
          List<Object> kv = popMark();
          if (kv.size() % 2 != 0) {
            throw fail("SETITEMS has an odd number (" + kv.size() + ") of keys and values");
          }
          Map<Object, Object> d = dict(peek());
          for (int i = 0; i < kv.size(); i += 2) {
            d.put(key(kv.get(i)), kv.get(i + 1));
          }
          break;
        }
      case 'b':
        { // BUILD: sets an object's state (OrderedDict._metadata here); nothing Boarfish needs
          pop();
          if (peek() instanceof Global) {
            throw fail("BUILD on the class " + peek() + " would construct a Python object");
          }
          break;
        }
      case '0':
        pop();
        break;
      case '1':
        popMark();
        break;
      case '2':
        push(peek());
        break;
      default:
        throw fail(
            OPCODES[op] == null
                ? String.format("byte 0x%02x is not a pickle opcode: %s is corrupt", op, entry)
                : String.format(
                    "opcode 0x%02x '%s' is not supported by Boarfish's restricted unpickler, which only "
                        + "builds data",
                    op, (char) op));
    }
  }

  private void global(String module, String name) {
    String full = module + "." + name;
    if (!ALLOWED.contains(full)) {
      String hint =
          module.startsWith("torch") || module.startsWith("__torch__")
              ? " (if this file holds a whole pickled model or an optimizer, re-save just the weights: "
                  + "torch.save(model.state_dict(), path))"
              : "";
      throw new WeightFileException(
          file,
          "refusing to load "
              + file
              + ": it references the Python global '"
              + full
              + "', which is not a tensor, dict or primitive; Boarfish never runs code from weight files"
              + hint);
    }
    push(new Global(module, name));
  }

  private void reduce() {
    Tuple args = as(pop(), Tuple.class, "REDUCE's arguments");
    Object fn = pop();
    if (!(fn instanceof Global)) {
      throw fail("REDUCE calls " + describe(fn) + ", which is not an allowed global");
    }
    Global g = (Global) fn;
    if (g.toString().equals("collections.OrderedDict")) {
      LinkedHashMap<Object, Object> d = new LinkedHashMap<>();
      if (args.size() == 1 && args.get(0) instanceof List<?> pairs) {
        for (Object p : pairs) {
          Tuple kv = as(p, Tuple.class, "an OrderedDict item");
          d.put(key(kv.get(0)), kv.get(1));
        }
      } else if (args.size() != 0) {
        throw fail("OrderedDict called with " + args.size() + " arguments");
      }
      push(d);
    } else if (g.name().endsWith("Storage")) {
      throw fail(g + " may only name a storage's type, not be called");
    } else {
      push(callbacks.call(g, args));
    }
  }

  private Object long1() {
    int n = u8();
    if (n == 0) {
      return 0L;
    }
    byte[] b = new byte[n];
    in.get(b);
    for (int i = 0; i < n / 2; i++) {
      byte t = b[i];
      b[i] = b[n - 1 - i];
      b[n - 1 - i] = t;
    }
    BigInteger v = new BigInteger(b);
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  private String line() {
    int start = in.position();
    while (in.get() != '\n') {
      if (in.position() - start > 1000) {
        throw fail("a GLOBAL name runs over 1000 bytes without a newline");
      }
    }
    byte[] b = new byte[in.position() - start - 1];
    in.get(start, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private String utf8(long len) {
    if (len < 0 || len > in.remaining()) {
      throw fail(
          "a string of " + Long.toUnsignedString(len) + " bytes runs past the end of " + entry);
    }
    byte[] b = new byte[(int) len];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * A dict key: only immutable values, as in Python (this also keeps hashing away from cyclic
   * lists).
   */
  private Object key(Object k) {
    if (k instanceof Tuple t) {
      t.items().forEach(this::key);
    } else if (k instanceof List || k instanceof Map) {
      throw fail("a dict key must be hashable, found " + describe(k));
    }
    return k;
  }

  private int u8() {
    return in.get() & 0xff;
  }

  private Object memoGet(long key) {
    if (!memo.containsKey(key)) {
      throw fail("memo slot " + key + " was never stored");
    }
    return memo.get(key);
  }

  private static Tuple tuple(Object... items) {
    return new Tuple(Collections.unmodifiableList(Arrays.asList(items)));
  }

  private void push(Object o) {
    stack.add(o);
  }

  private Object pop() {
    int floor = marks.isEmpty() ? 0 : marks.peek();
    if (stack.size() <= floor) {
      throw fail("the stack is empty");
    }
    return stack.remove(stack.size() - 1);
  }

  private Object peek() {
    if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) {
      throw fail("the stack is empty");
    }
    return stack.get(stack.size() - 1);
  }

  private List<Object> popMark() {
    if (marks.isEmpty()) {
      throw fail("no MARK to pop to");
    }
    int m = marks.pop();
    List<Object> top = stack.subList(m, stack.size());
    List<Object> items = new ArrayList<>(top);
    top.clear();
    return items;
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object o) {
    if (!(o instanceof ArrayList)) {
      throw fail("expected a list, found " + describe(o));
    }
    return (List<Object>) o;
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dict(Object o) {
    if (!(o instanceof LinkedHashMap)) {
      throw fail("expected a dict, found " + describe(o));
    }
    return (Map<Object, Object>) o;
  }

  private <T> T as(Object o, Class<T> type, String what) {
    if (!type.isInstance(o)) {
      throw fail("expected " + what + ", found " + describe(o));
    }
    return type.cast(o);
  }

  /** A short description of a value for error messages. */
  static String describe(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof String s) {
      return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }
    if (o instanceof Global) {
      return "the global " + o;
    }
    if (o instanceof Tuple t) {
      return t.items().stream()
          .map(Unpickler::describe)
          .collect(java.util.stream.Collectors.joining(", ", "a tuple (", ")"));
    }
    if (o instanceof Long || o instanceof BigInteger) {
      return "the int " + o;
    }
    if (o instanceof Double) {
      return "the float " + o;
    }
    if (o instanceof Boolean b) {
      return b ? "True" : "False";
    }
    String kind =
        o instanceof Map ? "dict" : o instanceof List ? "list" : o.getClass().getSimpleName();
    return "a " + kind;
  }

  private WeightFileException fail(String what) {
    return new WeightFileException(
        file,
        "cannot load " + file + ": " + entry + " byte " + opPos + " (" + opName + "): " + what);
  }
}
