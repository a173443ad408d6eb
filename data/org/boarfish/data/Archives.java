package org.boarfish.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Safe extraction of {@code .tgz}/{@code .tar.gz}, {@code .tar} and {@code .zip} archives
 * (recognised by their first bytes, not their names).
 *
 * <p>Safety rules: an entry with an absolute path, or whose path ({@code ..} included) leads
 * outside the destination, is refused with the entry named; so is a symbolic or hard link that
 * points outside, and any write through a link that does. Device files and FIFOs are skipped.
 * Timestamps and permissions are not restored.
 *
 * <p>Why our own tar reader rather than commons-compress: Boarfish only reads tar, and only the
 * dialects dataset archives use (POSIX ustar, GNU long names, pax headers: {@link TarReader}, ~200
 * lines checked against GNU tar's output). That keeps the library free of commons-compress and of
 * the commons-io, commons-lang3 and commons-codec jars it pulls in (about 3 MB), and puts every
 * path check beside the code that parses the path. gzip and zip come from {@code java.util.zip}.
 * Not supported: bzip2/xz compression, GNU sparse files, multi-volume archives.
 */
public final class Archives {
  private Archives() {}

  /** The formats {@link #extract} reads. */
  enum Format {
    TAR_GZ,
    TAR,
    ZIP
  }

  /**
   * Extracts {@code archive} into {@code dest} (created if missing).
   *
   * @throws UncheckedIOException if the archive is unreadable, corrupt, truncated, of an unknown
   *     format, or holds an entry that would land outside {@code dest}; files already written stay,
   *     so extract into a fresh folder
   */
  public static void extract(Path archive, Path dest) {
    try {
      Files.createDirectories(dest);
      Writer writer = new Writer(archive, dest);
      switch (detect(archive)) {
        case TAR_GZ -> {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            extractTar(in, writer);
          }
        }
        case TAR -> {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            extractTar(in, writer);
          }
        }
        case ZIP -> extractZip(archive, writer);
      }
      writer.checkLinks();
    } catch (UnsafeEntryException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "corrupt or truncated archive " + archive + ": " + describe(e), e);
    }
  }

  /** The format, from the first bytes of the file. */
  static Format detect(Path archive) throws IOException {
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(archive)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Format.TAR_GZ;
    }
    if (n >= 4
        && head[0] == 'P'
        && head[1] == 'K'
        && (head[2] == 3 || head[2] == 5)
        && head[3] == head[2] + 1) {
      return Format.ZIP;
    }
    if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
      return Format.TAR;
    }
    String what =
        n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h'
            ? "bzip2 data (unsupported)"
            : n >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z'
                ? "xz data (unsupported)"
                : "its first bytes are " + printable(head, Math.min(n, 40));
    throw new IOException("not a .tgz, .tar or .zip archive: " + what);
  }

  private static void extractTar(InputStream in, Writer writer) throws IOException {
    TarReader tar = new TarReader(in);
    for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
      switch (e.type()) {
        case DIRECTORY -> writer.directory(e.name());
        case FILE -> writer.file(e.name(), tar.body());
        case SYMLINK -> writer.symlink(e.name(), e.linkName());
        case HARDLINK -> writer.hardlink(e.name(), e.linkName());
        case OTHER -> {} // devices, FIFOs, volume labels: nothing a dataset needs
      }
    }
    in.transferTo(
        OutputStream
            .nullOutputStream()); // read to the end so gzip checks its CRC and length trailer
  }

  private static void extractZip(Path archive, Writer writer) throws IOException {
    try {
      extractZip(archive, writer, StandardCharsets.UTF_8);
    } catch (
        IllegalArgumentException malformedName) { // names not in UTF-8: zip's historical default
      extractZip(archive, writer, Charset.forName("IBM437"));
    }
  }

  private static void extractZip(Path archive, Writer writer, Charset charset) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile(), charset)) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory()) {
          writer.directory(e.getName());
          continue;
        }
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
          writer.file(e.getName(), in);
          if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
            throw new ZipException("CRC mismatch in entry '" + e.getName() + "'");
          }
        }
      }
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String name = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return name;
    }
    return e.getClass() == IOException.class ? message : name + ": " + message;
  }

  private static String printable(byte[] bytes, int n) {
    StringBuilder s = new StringBuilder("'");
    for (int i = 0; i < n; i++) {
      char c = (char) (bytes[i] & 0xff);
      s.append(c >= 32 && c < 127 ? c : '.');
    }
    return s.append('\'').toString();
  }

  /** An entry that must not be written; its message names the entry and the rule. */
  static final class UnsafeEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsafeEntryException(Path archive, String entry, String why) {
      super("refused archive entry '" + entry + "' in " + archive + ": " + why);
    }
  }

  /** Writes entries under one destination folder, checking each path first. */
  private static final class Writer {
    private final Path archive;
    private final Path dest;
    private final Path realDest;
    private final List<String[]> links = new ArrayList<>(); // {entry name, link text}
    private Path lastSafeParent;

    Writer(Path archive, Path dest) throws IOException {
      this.archive = archive;
      this.dest = dest.toAbsolutePath().normalize();
      this.realDest = dest.toRealPath();
    }

    void directory(String entry) throws IOException {
      Path target = target(entry, true);
      if (target.equals(dest)) {
        return;
      }
      checkParent(entry, target);
      if (Files.isSymbolicLink(target) || (Files.exists(target) && !Files.isDirectory(target))) {
        throw new UnsafeEntryException(
            archive, entry, "a file or link of that name was already extracted");
      }
      Files.createDirectories(target);
    }

    void file(String entry, InputStream body) throws IOException {
      Path target = target(entry, false);
      checkParent(entry, target);
      Files.deleteIfExists(target); // a link of the same name must not be written through
      Files.copy(body, target);
    }

    void symlink(String entry, String linkText) throws IOException {
      Path target = target(entry, false);
      Path link = pathOf(entry, linkText);
      if (link.isAbsolute() || linkText.startsWith("/") || linkText.startsWith("\\")) {
        throw new UnsafeEntryException(
            archive, entry, "symbolic link to the absolute path '" + linkText + "'");
      }
      if (!target.getParent().resolve(link).normalize().startsWith(dest)) {
        throw new UnsafeEntryException(
            archive,
            entry,
            "symbolic link to '" + linkText + "' points outside the destination " + dest);
      }
      checkParent(entry, target);
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, link);
      links.add(new String[] {entry, linkText});
      lastSafeParent = null; // a new link can change where existing paths lead
    }

    void hardlink(String entry, String linkText) throws IOException {
      Path target = target(entry, false);
      Path source =
          target(entry, linkText, false); // hard link names are relative to the archive root
      if (!Files.isRegularFile(source) || !source.toRealPath().startsWith(realDest)) {
        throw new UnsafeEntryException(
            archive,
            entry,
            "hard link to '" + linkText + "', which is not a file extracted inside " + dest);
      }
      checkParent(entry, target);
      Files.deleteIfExists(target);
      Files.copy(source, target); // a copy: portable, and no link to anything outside the dataset
    }

    /**
     * After extraction: every link must resolve inside; a dangling one must not climb with '..'.
     */
    void checkLinks() throws IOException {
      for (String[] l : links) {
        Path link = dest.resolve(l[0].replace('\\', '/')).normalize();
        if (Files.exists(link)) {
          if (!link.toRealPath().startsWith(realDest)) {
            throw new UnsafeEntryException(
                archive,
                l[0],
                "symbolic link to '" + l[1] + "' resolves outside the destination " + dest);
          }
        } else if (l[1].replace('\\', '/').matches("(.*/)?\\.\\.(/.*)?")) {
          throw new UnsafeEntryException(
              archive, l[0], "dangling symbolic link to '" + l[1] + "' that climbs with '..'");
        }
      }
    }

    /** The normalized path of an entry, refused if absolute or outside {@code dest}. */
    private Path target(String entry, boolean mayBeRoot) throws IOException {
      return target(entry, entry, mayBeRoot);
    }

    /**
     * The path {@code path} gives (the entry's own, or a hard link's source); errors name {@code
     * entry}.
     */
    private Path target(String entry, String path, boolean mayBeRoot) throws IOException {
      String name = path.replace('\\', '/');
      if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
        String what =
            path.equals(entry) ? "absolute path" : "link to the absolute path '" + path + "'";
        throw new UnsafeEntryException(archive, entry, what);
      }
      Path target = dest.resolve(pathOf(entry, name)).normalize();
      if (!target.startsWith(dest)) {
        throw new UnsafeEntryException(
            archive,
            entry,
            (path.equals(entry) ? "its path" : "'" + path + "'")
                + " leads outside the destination "
                + dest);
      }
      if (target.equals(dest) && !mayBeRoot) {
        throw new UnsafeEntryException(
            archive, entry, "a file cannot replace the destination folder");
      }
      return target;
    }

    /** Creates the parent folders, then checks that links among them do not lead outside. */
    private void checkParent(String entry, Path target) throws IOException {
      Path parent = target.getParent();
      if (parent.equals(lastSafeParent)) {
        return;
      }
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      if (!parent.toRealPath().startsWith(realDest)) {
        throw new UnsafeEntryException(
            archive, entry, "a symbolic link in its path leads outside " + dest);
      }
      lastSafeParent = parent;
    }

    private Path pathOf(String entry, String name) throws IOException {
      try {
        return Path.of(name);
      } catch (InvalidPathException e) {
        throw new UnsafeEntryException(archive, entry, "not a valid path (" + e.getReason() + ")");
      }
    }
  }

  /**
   * Reads POSIX ustar entries, GNU long names and links ('L', 'K') and pax extended headers ('x';
   * 'g' is skipped).
   */
  static final class TarReader {
    enum Type {
      FILE,
      DIRECTORY,
      SYMLINK,
      HARDLINK,
      OTHER
    }

    record Entry(String name, Type type, long size, String linkName) {}

    private static final int BLOCK = 512;
    private static final int MAX_META = 1 << 20;

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private String current = "(start)";
    private long unread;
    private long padding;

    TarReader(InputStream in) {
      this.in = in;
    }

    /** The next entry (its body unread), or null at the end of the archive. */
    Entry next() throws IOException {
      in.skipNBytes(unread + padding);
      unread = 0;
      padding = 0;
      String longName = null;
      String longLink = null;
      Map<String, String> pax = Map.of();
      while (readHeader()) {
        char flag = (char) (header[156] & 0xff);
        long size = number(124, 12);
        if (flag == 'L' || flag == 'K' || flag == 'x' || flag == 'g') {
          byte[] meta = readMeta(size);
          switch (flag) {
            case 'L' -> longName = cString(meta, 0, meta.length);
            case 'K' -> longLink = cString(meta, 0, meta.length);
            case 'x' -> pax = parsePax(meta);
            default -> {} // global pax headers: defaults we do not use
          }
          continue;
        }
        String name = pax.getOrDefault("path", longName != null ? longName : ustarName());
        String link =
            pax.getOrDefault("linkpath", longLink != null ? longLink : cString(header, 157, 100));
        if (pax.containsKey("size")) {
          size = parseSize(pax.get("size"));
        }
        current = name;
        Type type =
            switch (flag) {
              case '0', '\0', '7' -> name.endsWith("/") ? Type.DIRECTORY : Type.FILE;
              case '5' -> Type.DIRECTORY;
              case '2' -> Type.SYMLINK;
              case '1' -> Type.HARDLINK;
              case '3', '4', '6' -> Type.OTHER;
              case 'S' -> throw new IOException("GNU sparse file '" + name + "' is not supported");
              case 'M' ->
                  throw new IOException(
                      "multi-volume tar archives are not supported ('" + name + "')");
              case 'V' -> Type.OTHER;
              default -> Type.FILE; // POSIX: read unknown types as regular files
            };
        boolean hasBody = type == Type.FILE || flag == 'V';
        unread = hasBody ? size : 0;
        padding = (BLOCK - unread % BLOCK) % BLOCK;
        return new Entry(name, type, unread, link);
      }
      return null;
    }

    /**
     * The body of the entry last returned by {@link #next()}; reading past it is an end of file.
     */
    InputStream body() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (unread == 0) {
            return -1;
          }
          int n = in.read(b, off, (int) Math.min(len, unread));
          if (n < 0) {
            throw new EOFException("archive ends inside entry '" + current + "'");
          }
          unread -= n;
          return n;
        }
      };
    }

    private boolean readHeader() throws IOException {
      int n = in.readNBytes(header, 0, BLOCK);
      if (n == 0) {
        return false; // no end-of-archive blocks: accepted, as GNU tar does
      }
      if (n < BLOCK) {
        throw new EOFException("archive ends inside the header after entry '" + current + "'");
      }
      boolean zero = true;
      for (byte b : header) {
        zero &= b == 0;
      }
      if (zero) {
        return false;
      }
      long unsigned = 0;
      long signed = 0;
      for (int i = 0; i < BLOCK; i++) {
        boolean checksumField = i >= 148 && i < 156;
        unsigned += checksumField ? ' ' : header[i] & 0xff;
        signed += checksumField ? ' ' : header[i];
      }
      long stored = number(148, 8);
      if (stored != unsigned && stored != signed) {
        throw new IOException(
            "not a tar archive, or a corrupt header after entry '" + current + "'");
      }
      return true;
    }

    private String ustarName() {
      String name = cString(header, 0, 100);
      boolean posix =
          header[257] == 'u'
              && header[258] == 's'
              && header[259] == 't'
              && header[260] == 'a'
              && header[261] == 'r'
              && header[262] == 0;
      String prefix = posix ? cString(header, 345, 155) : "";
      return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private byte[] readMeta(long size) throws IOException {
      if (size < 0 || size > MAX_META) {
        throw new IOException(
            "tar metadata of " + size + " bytes after entry '" + current + "' is too large");
      }
      byte[] meta = new byte[(int) size];
      if (in.readNBytes(meta, 0, meta.length) < meta.length) {
        throw new EOFException("archive ends inside metadata after entry '" + current + "'");
      }
      in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
      return meta;
    }

    /** pax records: {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
    private Map<String, String> parsePax(byte[] meta) throws IOException {
      Map<String, String> map = new HashMap<>();
      int pos = 0;
      while (pos < meta.length && meta[pos] != 0) {
        int space = pos;
        while (space < meta.length && meta[space] != ' ') {
          space++;
        }
        int length;
        try {
          length = Integer.parseInt(new String(meta, pos, space - pos, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          throw new IOException("malformed pax header after entry '" + current + "'", e);
        }
        int end = pos + length;
        if (length <= 0 || end > meta.length || meta[end - 1] != '\n') {
          throw new IOException("malformed pax header after entry '" + current + "'");
        }
        String record = new String(meta, space + 1, end - space - 2, StandardCharsets.UTF_8);
        int eq = record.indexOf('=');
        if (eq > 0) {
          map.put(record.substring(0, eq), record.substring(eq + 1));
        }
        pos = end;
      }
      return map;
    }

    private long parseSize(String value) throws IOException {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new IOException("bad pax size '" + value + "' for entry '" + current + "'", e);
      }
    }

    /** An octal field, or GNU base-256 when the top bit of the first byte is set. */
    private long number(int off, int len) throws IOException {
      if ((header[off] & 0x80) != 0) {
        if ((header[off] & 0x40) != 0) {
          throw new IOException("negative number in tar header after entry '" + current + "'");
        }
        long v = header[off] & 0x3f;
        for (int i = off + 1; i < off + len; i++) {
          v = (v << 8) | (header[i] & 0xff);
        }
        return v;
      }
      long v = 0;
      int i = off;
      while (i < off + len && (header[i] == ' ' || header[i] == 0)) {
        i++;
      }
      for (; i < off + len && header[i] != ' ' && header[i] != 0; i++) {
        if (header[i] < '0' || header[i] > '7') {
          throw new IOException(
              "not a tar archive, or a corrupt header after entry '" + current + "'");
        }
        v = (v << 3) | (header[i] - '0');
      }
      return v;
    }

    private static String cString(byte[] b, int off, int len) {
      int end = off;
      while (end < off + len && b[end] != 0) {
        end++;
      }
      return new String(b, off, end - off, StandardCharsets.UTF_8);
    }
  }
}
