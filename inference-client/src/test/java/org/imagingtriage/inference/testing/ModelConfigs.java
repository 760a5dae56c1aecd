package org.imagingtriage.inference.testing;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.imagingtriage.inference.proto.ModelConfig;

/** Model configurations for tests, parsed from config.pbtxt text as Triton parses them. */
public final class ModelConfigs {

  private ModelConfigs() {}

  public static ModelConfig parse(String pbtxt) {
    try {
      ModelConfig.Builder builder = ModelConfig.newBuilder();
      TextFormat.getParser().merge(pbtxt, builder);
      return builder.build();
    } catch (TextFormat.ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A config.pbtxt from the test resources. */
  public static ModelConfig resource(String name) {
    try (InputStream in = ModelConfigs.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The medgemma-4b-it configuration of the shared model contract. */
  public static ModelConfig medgemma() {
    return resource("medgemma-4b-it.config.pbtxt");
  }
}
