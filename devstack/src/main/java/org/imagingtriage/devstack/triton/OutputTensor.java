package org.imagingtriage.devstack.triton;

import java.util.List;

import com.google.protobuf.ByteString;

/**
 * One output of a simulated response.
 *
 * @param data little-endian, row-major; BYTES in their length-prefixed layout
 */
record OutputTensor(String name, WireDataType type, List<Long> shape, ByteString data) {

    OutputTensor {
        shape = List.copyOf(shape);
    }
}
