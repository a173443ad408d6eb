package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
  @TempDir Path tmp;

  // Made by GNU tar 1.34 (--format=gnu): a 135-character path ('L' long-name header), a symlink
  // link.txt ->
  // sub/a.txt, and a hard link sub/a.txt -> hard.txt.
  private static final String GNU_TGZ =
      "H4sIAAAAAAAAA+3XTW6DMBAFYK97Cp8AZvy77QG4BFVSUhWBREDq8WtH6gKklKLUThvet3EESFh"
          + "+jDNuuqkUiVHgrb2MwXK8/GbtSHlHJl5n0kYLaVNPLJrOYz1IKYa+H797bu3+P9WE/A83+MnHszl/ZRQp5J9DURblc9V3TfXWvSd6R"
          + "wzYGXM1f8Vm9i0QswuDrBLNZ2bn+d9c/6+/ohg/HnF1/74c+a/VP5Gd7/9as2MhKccC7Lz+27D1P917EnA3sf5P9XBIuQGv179b9P+"
          + "K2KH+czgd27bHBrBbsf7b0Pqnrn/v/Ybzv3Yc+n91nl7KOnFruPP6j/nHZU75js3nf2bWBuf/HL7yT1lm6///y/yNtkpIztGc7Dx/A"
          + "AAAAAAAAAB4bJ+Tpv8vACgAAA==";
  // GNU tar --format=pax: an 80 x 'é' file name (pax 'path' record, UTF-8) and pax/plain.txt.
  private static final String PAX_TGZ =
      "H4sIAAAAAAAAA+3X3WqDMBgGYI97FbkCTfLlxx30fIe7hdAJK2xrsRl4S16HN7akUOgCrZQ12"
          + "Y/v40EkEYzEN5/WzZMbHjv33PWHZu+GKgMeGKWObZC2nFtVCTJcWsNV7Bci9FUsy2RSHwfv+jCVEvf6hYgz57dv3VrYB221oZZqYyx"
          + "porZdhdHN5dGfnjt8X4h8k/sex4hrfTn/4TzJv1GyYjr3xKJT/vvdzl+7bm48fbg/Iq7/eQV4ddv32g9XH/VWt+//UlvC/l8C9v9li"
          + "/nPEvozs/nnMsk/KWsqViSTC9//B6R40ZL6P40Zjrn8kzZf86+skPj/K0LYlu2df1nHFyHL6t/xiDVqhS+Weyqx7PP1P8m/Jqs46n8"
          + "J0+inEbkAAAAAAAAAAAD4lz4BRYCzdAAoAAA=";
  // GNU tar --format=ustar: a 175-character path split into the ustar prefix and name fields.
  private static final String USTAR_TGZ =
      "H4sIAAAAAAAAA+3T0QrCIBTG8V33FHuCpk7d8wQt6GrLHOzxU7vaoiJQIfj/bo5sY3jOp8vd"
          + "n1zXFCWCwZhUg31Na9lboQYrdHwulZKiaU3ZbT0tcQBhK26a/Kfvvr3fN/cnUvvdXEw8Wj/nn9bkX8Mts6NfX8YU52G1fp+/lNv8r"
          + "ehDaasMsVT+pS9WpvZnN16u63g+ZPofAAAAAAAAAAAAAAAA6noABwVuhwAoAAA=";

  @Test
  void extractsFoldersAndFilesFromTgz() throws IOException {
    Path archive =
        write(
            "a.tgz",
            new Tar().dir("top/").file("top/x.txt", "ex").file("top/sub/y.txt", "why").tgz());
    Path dest = tmp.resolve("out");
    Archives.extract(archive, dest);
    assertEquals("ex", Files.readString(dest.resolve("top/x.txt")));
    assertEquals("why", Files.readString(dest.resolve("top/sub/y.txt")));
  }

  @Test
  void extractsPlainTarAndZip() throws IOException {
    Path tar = write("a.tar", new Tar().file("one.txt", "1").tar());
    Archives.extract(tar, tmp.resolve("t"));
    assertEquals("1", Files.readString(tmp.resolve("t/one.txt")));

    Path zip = write("a.zip", zip("d/", null, "d/two.txt", "2"));
    Archives.extract(zip, tmp.resolve("z"));
    assertEquals("2", Files.readString(tmp.resolve("z/d/two.txt")));
  }

  @Test
  void readsGnuLongNamesSymlinksAndHardLinksMadeByGnuTar() throws IOException {
    Path dest = tmp.resolve("gnu");
    Archives.extract(write("gnu.tgz", Base64.getDecoder().decode(GNU_TGZ)), dest);
    Path longFile = dest.resolve("gnu/" + "d".repeat(60) + "/" + "f".repeat(70) + ".txt");
    assertEquals("long\n", Files.readString(longFile));
    assertEquals("hello\n", Files.readString(dest.resolve("gnu/hard.txt")));
    assertEquals("hello\n", Files.readString(dest.resolve("gnu/sub/a.txt")), "hard link copied");
    assertTrue(Files.isSymbolicLink(dest.resolve("gnu/link.txt")));
    assertEquals("hello\n", Files.readString(dest.resolve("gnu/link.txt")));
  }

  @Test
  void readsPaxPathsAndUstarPrefixes() throws IOException {
    Path pax = tmp.resolve("pax");
    Archives.extract(write("pax.tgz", Base64.getDecoder().decode(PAX_TGZ)), pax);
    assertEquals("été\n", Files.readString(pax.resolve("pax/" + "é".repeat(80) + ".txt")));
    assertEquals("x\n", Files.readString(pax.resolve("pax/plain.txt")));

    Path ustar = tmp.resolve("ustar");
    Archives.extract(write("ustar.tgz", Base64.getDecoder().decode(USTAR_TGZ)), ustar);
    assertEquals(
        "prefixed\n",
        Files.readString(ustar.resolve("ustar/" + "p".repeat(90) + "/" + "q".repeat(80) + ".txt")));
  }

  @Test
  void readsBase256SizesAndSkipsUnknownMetadata() throws IOException {
    Tar tar = new Tar();
    tar.entry("global", 'g', "9 a=b\n".getBytes(StandardCharsets.UTF_8), "", false);
    tar.entry("big.bin", '0', new byte[700], "", true);
    Archives.extract(write("b.tgz", tar.tgz()), tmp.resolve("b"));
    assertEquals(700, Files.size(tmp.resolve("b/big.bin")));
  }

  @Test
  void refusesEntriesThatEscapeWithDotDot() {
    Path dest = tmp.resolve("dest");
    Path archive =
        write("evil.tgz", new Tar().file("ok.txt", "fine").file("../evil.txt", "gotcha").tgz());
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Archives.extract(archive, dest));
    assertTrue(e.getMessage().contains("'../evil.txt'"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("evil.txt")));

    Path inside =
        write(
            "inside.tgz",
            new Tar().file("a/../b.txt", "b").tgz()); // '..' that stays inside is fine
    Archives.extract(inside, tmp.resolve("inside"));
    assertTrue(Files.exists(tmp.resolve("inside/b.txt")));
  }

  @Test
  void refusesAbsolutePathsInTarAndZip() {
    Path outside = tmp.resolve("abs-evil.txt");
    Path tgz = write("abs.tgz", new Tar().paxFile(outside.toString(), "gotcha").tgz());
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Archives.extract(tgz, tmp.resolve("d1")));
    assertTrue(
        e.getMessage().contains("'" + outside + "'") && e.getMessage().contains("absolute"),
        e.getMessage());

    Path zip = write("abs.zip", zip(outside.toString(), "gotcha"));
    e = assertThrows(UncheckedIOException.class, () -> Archives.extract(zip, tmp.resolve("d2")));
    assertTrue(e.getMessage().contains("'" + outside + "'"), e.getMessage());

    Path zipUp = write("up.zip", zip("../zip-evil.txt", "gotcha"));
    e = assertThrows(UncheckedIOException.class, () -> Archives.extract(zipUp, tmp.resolve("d3")));
    assertTrue(e.getMessage().contains("'../zip-evil.txt'"), e.getMessage());
    assertFalse(Files.exists(outside));
    assertFalse(Files.exists(tmp.resolve("zip-evil.txt")));
  }

  @Test
  void refusesLinksThatPointOutside() {
    Path up = write("up.tgz", new Tar().symlink("dir/link", "../../outside").tgz());
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Archives.extract(up, tmp.resolve("u")));
    assertTrue(e.getMessage().contains("'dir/link'"), e.getMessage());

    Path abs = write("abs.tgz", new Tar().symlink("passwd", "/etc/passwd").tgz());
    e = assertThrows(UncheckedIOException.class, () -> Archives.extract(abs, tmp.resolve("a")));
    assertTrue(
        e.getMessage().contains("'passwd'") && e.getMessage().contains("absolute"), e.getMessage());

    Path hard = write("hard.tgz", new Tar().hardlink("h", "../secret").tgz());
    e = assertThrows(UncheckedIOException.class, () -> Archives.extract(hard, tmp.resolve("h")));
    assertTrue(e.getMessage().contains("'h'"), e.getMessage());
  }

  @Test
  void refusesWritingThroughChainedLinksThatLeaveTheFolder() {
    // s -> ../.. is the destination itself, and t -> s/.. looks like a/b, but on disk t is the
    // destination's parent.
    Path dest = tmp.resolve("chain");
    Path through =
        write(
            "through.tgz",
            new Tar()
                .dir("a/b/")
                .symlink("a/b/s", "../..")
                .symlink("a/b/t", "s/..")
                .file("a/b/t/evil.txt", "gotcha")
                .tgz());
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Archives.extract(through, dest));
    assertTrue(e.getMessage().contains("'a/b/t/evil.txt'"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("evil.txt")));

    Path linkOnly =
        write(
            "link.tgz",
            new Tar().dir("a/b/").symlink("a/b/s", "../..").symlink("a/b/t", "s/..").tgz());
    e =
        assertThrows(
            UncheckedIOException.class, () -> Archives.extract(linkOnly, tmp.resolve("chain2")));
    assertTrue(e.getMessage().contains("'a/b/t'"), e.getMessage());
  }

  @Test
  void truncatedOrForeignFilesGiveClearErrors() {
    byte[] good = new Tar().file("x.bin", new byte[50_000]).tgz();
    Path truncated = write("cut.tgz", Arrays.copyOf(good, good.length / 2));
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> Archives.extract(truncated, tmp.resolve("c")));
    assertTrue(
        e.getMessage().contains("corrupt or truncated") && e.getMessage().contains("cut.tgz"),
        e.getMessage());

    Path html =
        write(
            "page.tgz",
            "<!DOCTYPE html><html>Access denied</html>".getBytes(StandardCharsets.UTF_8));
    e = assertThrows(UncheckedIOException.class, () -> Archives.extract(html, tmp.resolve("h")));
    assertTrue(
        e.getMessage().contains("not a .tgz, .tar or .zip") && e.getMessage().contains("<!DOCTYPE"),
        e.getMessage());

    byte[] zip = zip("a.txt", "a".repeat(1000));
    Path cutZip = write("cut.zip", Arrays.copyOf(zip, zip.length - 30));
    e = assertThrows(UncheckedIOException.class, () -> Archives.extract(cutZip, tmp.resolve("z")));
    assertTrue(e.getMessage().contains("cut.zip"), e.getMessage());
  }

  @Test
  void detectsFormatByContentNotName() throws IOException {
    assertEquals(Archives.Format.ZIP, Archives.detect(write("misnamed.tgz", zip("a", "b"))));
    assertEquals(
        Archives.Format.TAR_GZ,
        Archives.detect(write("misnamed.zip", new Tar().file("a", "b").tgz())));
    assertEquals(
        Archives.Format.TAR, Archives.detect(write("plain", new Tar().file("a", "b").tar())));
  }

  private Path write(String name, byte[] bytes) {
    try {
      return Files.write(tmp.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip of (name, content) pairs; a null content makes a folder entry. */
  static byte[] zip(String... namesAndContents) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndContents[i]));
        if (namesAndContents[i + 1] != null) {
          zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes tar archives header by header (ustar, as GNU tar and Python's tarfile write them). */
  static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Tar file(String name, String content) {
      return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Tar file(String name, byte[] content) {
      return entry(name, '0', content, "", false);
    }

    Tar dir(String name) {
      return entry(name, '5', new byte[0], "", false);
    }

    Tar symlink(String name, String target) {
      return entry(name, '2', new byte[0], target, false);
    }

    Tar hardlink(String name, String target) {
      return entry(name, '1', new byte[0], target, false);
    }

    /** A file whose name is carried by a pax extended header (as for names over 100 bytes). */
    Tar paxFile(String name, String content) {
      String record = " path=" + name + "\n";
      int length = paxLength(record);
      entry("PaxHeader", 'x', (length + record).getBytes(StandardCharsets.UTF_8), "", false);
      return file("placeholder", content);
    }

    Tar entry(String name, char type, byte[] body, String link, boolean base256Size) {
      byte[] h = new byte[512];
      put(h, 0, name, 100);
      put(h, 100, "0000644", 8);
      put(h, 108, "0000000", 8);
      put(h, 116, "0000000", 8);
      if (base256Size) {
        h[124] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
          h[135 - i] = (byte) ((long) body.length >>> (8 * i));
        }
      } else {
        put(h, 124, String.format("%011o", body.length), 12);
      }
      put(h, 136, "00000000000", 12);
      Arrays.fill(h, 148, 156, (byte) ' ');
      h[156] = (byte) type;
      put(h, 157, link, 100);
      put(h, 257, "ustar", 6);
      put(h, 263, "00", 2);
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      put(h, 148, String.format("%06o", sum), 7);
      out.writeBytes(h);
      out.writeBytes(body);
      out.writeBytes(new byte[(512 - body.length % 512) % 512]);
      return this;
    }

    byte[] tar() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(out.toByteArray());
      all.writeBytes(new byte[1024]);
      return all.toByteArray();
    }

    byte[] tgz() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
        gz.write(tar());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    private static int paxLength(String record) {
      int digits = 1;
      while (Integer.toString(record.getBytes(StandardCharsets.UTF_8).length + digits).length()
          != digits) {
        digits++;
      }
      return record.getBytes(StandardCharsets.UTF_8).length + digits;
    }

    private static void put(byte[] h, int off, String s, int max) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, h, off, Math.min(b.length, max));
    }
  }
}
