package org.imagingtriage.inference;

import java.util.List;
import java.util.stream.Collectors;

/** Shape arithmetic shared by encoding, decoding and the model contract check. */
public final class TensorShape {

  /** A dimension whose size the server decides per request. */
  public static final long WILDCARD = -1;

  private TensorShape() {}

  /**
   * Number of elements of a concrete shape.
   *
   * @throws IllegalArgumentException for a negative dimension or an overflowing product
   */
  public static long elementCount(List<Long> shape) {
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("shape " + format(shape) + " is not concrete");
      }
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  /** "[896,896,3]", the form used in every message about shapes. */
  public static String format(List<Long> shape) {
    return shape.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  /**
   * Whether two shapes can describe the same tensor: same rank, and each dimension equal or a
   * wildcard on either side.
   */
  public static boolean compatible(List<Long> left, List<Long> right) {
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      long l = left.get(i);
      long r = right.get(i);
      if (l != r && l != WILDCARD && r != WILDCARD) {
        return false;
      }
    }
    return true;
  }
}
