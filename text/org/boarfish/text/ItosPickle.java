package org.boarfish.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pickled Python list of strings (fastai's {@code itos_wt103.pkl}). Only the opcodes such a
 * list uses are accepted; anything else (objects, globals, code) is refused, so no code ever runs.
 */
final class ItosPickle {
  private ItosPickle() {}

  static List<String> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vocabulary " + file + ": " + e, e);
    }
    return parse(bytes, file.toString());
  }

  static List<String> parse(byte[] bytes, String where) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<String> out = null;
    List<String> pending = new ArrayList<>();
    boolean marked = false;
    java.util.Map<Integer, Object> memo = new java.util.HashMap<>();
    Object top = null;
    while (b.hasRemaining()) {
      int op = b.get() & 0xff;
      switch (op) {
        case 0x80 -> b.get(); // PROTO
        case 0x95 -> b.getLong(); // FRAME
        case ']' -> {
          if (out != null) {
            throw bad(where, "a nested list");
          }
          out = new ArrayList<>();
          top = out;
        }
        case '(' -> marked = true; // MARK
        case 0x8c -> pending.add((String) (top = str(b, b.get() & 0xff))); // SHORT_BINUNICODE
        case 'X' -> pending.add((String) (top = str(b, b.getInt()))); // BINUNICODE
        case 0x8d -> pending.add((String) (top = str(b, Math.toIntExact(b.getLong()))));
        case 0x94 -> memo.put(memo.size(), top); // MEMOIZE
        case 'q' -> memo.put(b.get() & 0xff, top); // BINPUT
        case 'r' -> memo.put(b.getInt(), top); // LONG_BINPUT
        case 'h', 'j' -> { // BINGET, LONG_BINGET
          Object o = memo.get(op == 'h' ? b.get() & 0xff : b.getInt());
          if (!(o instanceof String str)) {
            throw bad(where, "a memo reference to something other than a string");
          }
          pending.add(str);
          top = str;
        }
        case 'e', 'a' -> { // APPENDS, APPEND
          if (out == null || (op == 'e' && !marked)) {
            throw bad(where, "an append without a list");
          }
          out.addAll(pending);
          pending.clear();
          marked = false;
        }
        case '.' -> {
          if (out == null || !pending.isEmpty()) {
            throw bad(where, "no list of strings");
          }
          return out;
        }
        default -> throw bad(where, String.format("pickle opcode 0x%02x", op));
      }
    }
    throw bad(where, "no end mark");
  }

  private static String str(ByteBuffer b, int len) {
    byte[] s = new byte[len];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException bad(String where, String what) {
    return new IllegalArgumentException(
        where
            + " is not a pickled list of strings (found "
            + what
            + "); the vocabulary must be fastai's itos pickle (a list of tokens)");
  }
}
