package org.boarfish.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader: fields separated by a delimiter, optionally quoted with {@code "} (a
 * doubled quote inside is one quote; quoted fields may hold delimiters and line breaks), records
 * ending in LF, CRLF or CR, a leading UTF-8 byte-order mark ignored, blank lines skipped. The first
 * record is the header. Enough for label files and small tables; tabular work uses a DataFrame
 * library instead.
 */
public final class Csv {
  private Csv() {}

  /** The rows of a comma-separated file with a header line. */
  public static List<Row> read(Path file) {
    return read(file, ',');
  }

  /** The rows of a delimited file with a header line. */
  public static List<Row> read(Path file, char delimiter) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return rows(records(r, delimiter), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CSV file " + file, e);
    }
  }

  /** The rows of CSV text with a header line. */
  public static List<Row> parse(String text, char delimiter) {
    try {
      return rows(records(new StringReader(text), delimiter), "CSV text");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Row> rows(List<List<String>> records, String source) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException(source + " is empty: a header line is needed");
    }
    List<String> header = records.get(0);
    for (int i = 1; i < records.size(); i++) {
      if (records.get(i).size() != header.size()) {
        throw new IllegalArgumentException(
            source
                + ": record "
                + (i + 1)
                + " has "
                + records.get(i).size()
                + " fields but the header has "
                + header.size()
                + " "
                + header);
      }
    }
    return Row.rows(header, records.subList(1, records.size()));
  }

  /** All records of CSV input, each a list of fields. */
  public static List<List<String>> records(Reader input, char delimiter) throws IOException {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
    }
    Reader in = input.markSupported() ? input : new BufferedReader(input);
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int line = 1;
    in.mark(1);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    int c;
    while ((c = in.read()) != -1) {
      if (quoted) {
        if (c != '"') {
          line += c == '\n' ? 1 : 0;
          field.append((char) c);
        } else if (peek(in) == '"') {
          in.read();
          field.append('"');
        } else {
          quoted = false;
        }
        continue;
      }
      if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        record.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && peek(in) == '\n') {
          in.read();
        }
        line++;
        endRecord(out, record, field, wasQuoted);
        record = new ArrayList<>();
        wasQuoted = false;
      } else if (wasQuoted) {
        throw new IllegalArgumentException(
            "CSV line " + line + ": unexpected '" + (char) c + "' after a closing quote");
      } else {
        field.append((char) c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(
          "CSV: a quoted field opened before line " + line + " is never closed");
    }
    endRecord(out, record, field, wasQuoted);
    return out;
  }

  private static int peek(Reader in) throws IOException {
    in.mark(1);
    int n = in.read();
    in.reset();
    return n;
  }

  private static void endRecord(
      List<List<String>> out, List<String> record, StringBuilder field, boolean wasQuoted) {
    if (record.isEmpty() && field.length() == 0 && !wasQuoted) {
      return;
    }
    record.add(field.toString());
    field.setLength(0);
    out.add(record);
  }
}
