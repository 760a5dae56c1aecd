package org.imagingtriage.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the client sends or expects for one tensor, in model-config terms: {@code dims} exclude
 * the batch dimension of a batching model. In an expected output, -1 accepts any size.
 *
 * @param optional for an input: the client sometimes leaves it out, so the server must declare
 *     it optional; ignored for outputs
 */
public record TensorSpec(String name, Datatype datatype, List<Long> dims, boolean optional) {

  public TensorSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("tensor name is empty");
    }
    Objects.requireNonNull(datatype, "datatype");
    dims = List.copyOf(dims);
    for (long dim : dims) {
      if (dim < TensorShape.WILDCARD || dim == 0) {
        throw new IllegalArgumentException(
            "tensor " + name + ": dims " + TensorShape.format(dims) + " must be positive or -1");
      }
    }
  }

  public static TensorSpec of(String name, Datatype datatype, long... dims) {
    return new TensorSpec(name, datatype, boxed(dims), false);
  }

  public static TensorSpec optional(String name, Datatype datatype, long... dims) {
    return new TensorSpec(name, datatype, boxed(dims), true);
  }

  /** "UINT8 [896,896,3]", the form of every mismatch message. */
  public String describe() {
    return datatype + " " + TensorShape.format(dims);
  }

  private static List<Long> boxed(long... dims) {
    return Arrays.stream(dims).boxed().toList();
  }
}
