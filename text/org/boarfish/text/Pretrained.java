package org.boarfish.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.boarfish.data.DataCache;
import org.boarfish.data.DatasetUrl;
import org.boarfish.data.DownloadException;
import org.boarfish.data.Downloads;
import org.boarfish.data.URLs;
import org.boarfish.io.PthReader;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;

/**
 * fastai's pretrained WikiText-103 AWD-LSTM ({@link URLs#WT103_FWD}): downloaded once through the
 * data cache, its {@code .pth} weights read with the restricted reader (no code runs) and its
 * {@code itos_wt103.pkl} vocabulary with a reader of string lists; {@link #matchEmbeds} maps the
 * embedding (and decoder bias) rows to a new vocabulary as fastai's {@code match_embeds}: a word
 * known to WikiText-103 keeps its row, any other gets the mean row. The weights fit {@link
 * AwdLstmConfig#lm()} sizes (400/1152/3).
 */
public final class Pretrained {
  /** Where the weights come from. */
  public static final DatasetUrl URL = URLs.WT103_FWD;

  private Pretrained() {}

  /** The folder holding the weights, downloaded on first use; a clear error when offline. */
  public static Path fetch(DataCache cache) {
    return fetch(URL, cache);
  }

  static Path fetch(DatasetUrl url, DataCache cache) {
    try {
      return Downloads.untar(url, cache);
    } catch (DownloadException e) {
      throw new IllegalStateException(
          "cannot get the pretrained WikiText-103 AWD-LSTM ("
              + url.url()
              + "): "
              + e.getMessage()
              + "\nOffline, download "
              + url.fileName()
              + " elsewhere and extract it so that "
              + cache.dataPath(url)
              + " holds lstm_fwd.pth and itos_wt103.pkl (or put the archive in "
              + cache.archiveDir()
              + "); or build the learner with pretrained=false",
          e);
    }
  }

  /** The weights ({@code .pth}) and vocabulary ({@code .pkl}) found in {@code folder}. */
  public static Map<String, Tensor> readWeights(Path folder) {
    return PthReader.read(find(folder, ".pth"));
  }

  /** The WikiText-103 vocabulary in {@code folder}. */
  public static List<String> readItos(Path folder) {
    return ItosPickle.read(find(folder, ".pkl"));
  }

  private static Path find(Path folder, String ext) {
    try (Stream<Path> s = Files.walk(folder, 3)) {
      return s.filter(p -> p.getFileName().toString().endsWith(ext))
          .sorted()
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      folder
                          + " holds no "
                          + ext
                          + " file; it should hold fastai's lstm_fwd.pth and itos_wt103.pkl"
                          + " (from "
                          + URL.url()
                          + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e, e);
    }
  }

  /**
   * fastai's {@code match_embeds}: a copy of {@code wgts} whose {@code 0.encoder.weight}, {@code
   * 0.encoder_dp.emb.weight} and {@code 1.decoder.weight} have one row per word of {@code newItos}
   * (the old row of the same word, else the mean of all old rows), and {@code 1.decoder.bias}
   * likewise.
   */
  public static Map<String, Tensor> matchEmbeds(
      Map<String, Tensor> wgts, List<String> oldItos, List<String> newItos) {
    Tensor emb = wgts.get("0.encoder.weight");
    if (emb == null) {
      throw new IllegalArgumentException(
          "the pretrained weights have no '0.encoder.weight'; keys: " + wgts.keySet());
    }
    if (emb.size(0) != oldItos.size()) {
      throw new IllegalArgumentException(
          "the pretrained embedding has "
              + emb.size(0)
              + " rows but its vocabulary "
              + oldItos.size()
              + " words");
    }
    Tensor bias = wgts.get("1.decoder.bias");
    Map<String, Integer> o2i = new HashMap<>();
    for (int i = 0; i < oldItos.size(); i++) {
      o2i.putIfAbsent(oldItos.get(i), i);
    }
    int d = Math.toIntExact(emb.size(1));
    float[] old = emb.toFloatArray();
    float[] oldB = bias == null ? null : bias.toFloatArray();
    double[] mean = new double[d];
    double meanB = 0;
    int n = oldItos.size();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += old[i * d + j];
      }
      if (oldB != null) {
        meanB += oldB[i];
      }
    }
    float[] neu = new float[newItos.size() * d];
    float[] neuB = new float[newItos.size()];
    for (int i = 0; i < newItos.size(); i++) {
      Integer k = o2i.get(newItos.get(i));
      for (int j = 0; j < d; j++) {
        neu[i * d + j] = k != null ? old[k * d + j] : (float) (mean[j] / n);
      }
      if (oldB != null) {
        neuB[i] = k != null ? oldB[k] : (float) (meanB / n);
      }
    }
    Map<String, Tensor> out = new LinkedHashMap<>(wgts);
    int v = newItos.size();
    Scope.outside(
        () -> {
          out.put("0.encoder.weight", Tensor.of(neu, v, d));
          if (wgts.containsKey("0.encoder_dp.emb.weight")) {
            out.put("0.encoder_dp.emb.weight", Tensor.of(neu, v, d));
          }
          out.put("1.decoder.weight", Tensor.of(neu, v, d));
          if (oldB != null) {
            out.put("1.decoder.bias", Tensor.of(neuB, v));
          }
          return null;
        });
    return out;
  }

  /**
   * fastai's {@code clean_raw_keys}: drops {@code rnns.N.module.weight_hh_l0} where {@code
   * rnns.N.weight_hh_l0_raw} is present (older files hold both).
   */
  public static Map<String, Tensor> cleanRawKeys(Map<String, Tensor> wgts) {
    Map<String, Tensor> out = new LinkedHashMap<>(wgts);
    for (String k : wgts.keySet()) {
      int m = k.indexOf(".module.");
      if (m > 0) {
        String raw = k.substring(0, m) + "." + k.substring(m + ".module.".length()) + "_raw";
        if (wgts.containsKey(raw)) {
          out.remove(k);
        }
      }
    }
    return out;
  }

  /** Loads the WikiText-103 weights into a language model of {@code vocab}. */
  public static void loadLanguageModel(LanguageModel model, Vocab vocab, DataCache cache) {
    checkSizes(model.encoder().config());
    Path dir = fetch(cache);
    Map<String, Tensor> w =
        matchEmbeds(cleanRawKeys(readWeights(dir)), readItos(dir), vocab.itos());
    model.loadStateDict(w, true);
  }

  /** Loads the WikiText-103 encoder weights into a classifier's encoder of {@code vocab}. */
  public static void loadEncoder(AwdLstm encoder, Vocab vocab, DataCache cache) {
    checkSizes(encoder.config());
    Path dir = fetch(cache);
    Map<String, Tensor> w =
        matchEmbeds(cleanRawKeys(readWeights(dir)), readItos(dir), vocab.itos());
    Map<String, Tensor> enc = new LinkedHashMap<>();
    w.forEach(
        (k, t) -> {
          if (k.startsWith("0.")) {
            enc.put(k.substring(2), t);
          }
        });
    encoder.loadStateDict(enc, true);
  }

  private static void checkSizes(AwdLstmConfig c) {
    if (c.embSz() != 400 || c.nHid() != 1152 || c.nLayers() != 3) {
      throw new IllegalArgumentException(
          "the pretrained WikiText-103 AWD-LSTM has emb 400, hidden 1152, 3 layers, but the config"
              + " asks for "
              + c.embSz()
              + "/"
              + c.nHid()
              + "/"
              + c.nLayers()
              + ": use AwdLstmConfig.lm() (or clas()) with pretrained=true, or pretrained=false");
    }
  }
}
