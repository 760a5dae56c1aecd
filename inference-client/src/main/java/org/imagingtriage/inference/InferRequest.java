package org.imagingtriage.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferRequest;

/**
 * One inference request, independent of the RPC that carries it (ModelInfer or
 * ModelStreamInfer).
 *
 * <p>All input data travels in raw_input_contents, one entry per input in input order; the
 * typed {@code contents} field is never used, so the two are never mixed in one request.
 */
public final class InferRequest {

  /** Triton's request parameter for the scheduling priority level (1 is highest). */
  public static final String PRIORITY_PARAMETER = "priority";

  /** Triton's request parameter for the queue timeout, in microseconds. */
  public static final String TIMEOUT_PARAMETER = "timeout";

  private final String modelName;
  private final String modelVersion;
  private final String id;
  private final long priority;
  private final Duration timeout;
  private final List<InferInput> inputs;
  private final List<String> requestedOutputs;

  private InferRequest(Builder builder) {
    if (builder.modelName == null || builder.modelName.isBlank()) {
      throw new IllegalArgumentException("model name is empty");
    }
    if (builder.inputs.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one input");
    }
    Set<String> names = new HashSet<>();
    for (InferInput input : builder.inputs) {
      if (!names.add(input.name())) {
        throw new IllegalArgumentException("input " + input.name() + " is given twice");
      }
    }
    if (builder.priority < 0) {
      throw new IllegalArgumentException("priority must be >= 0 (0 = model default)");
    }
    if (builder.timeout != null && (builder.timeout.isNegative() || builder.timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.modelName = builder.modelName;
    this.modelVersion = builder.modelVersion;
    this.id = builder.id != null ? builder.id : UUID.randomUUID().toString();
    this.priority = builder.priority;
    this.timeout = builder.timeout;
    this.inputs = List.copyOf(builder.inputs);
    this.requestedOutputs = List.copyOf(builder.requestedOutputs);
  }

  public static Builder builder(String modelName) {
    return new Builder(modelName);
  }

  public String modelName() {
    return modelName;
  }

  /** Empty: the server chooses by its version policy. */
  public String modelVersion() {
    return modelVersion;
  }

  /** Echoed by the server on every response; the correlation key on a stream. */
  public String id() {
    return id;
  }

  /** 0 means the model's default priority level. */
  public long priority() {
    return priority;
  }

  /** Null when the model's default queue timeout applies. */
  public Duration timeout() {
    return timeout;
  }

  public List<InferInput> inputs() {
    return inputs;
  }

  /** Empty: the server returns every output. */
  public List<String> requestedOutputs() {
    return requestedOutputs;
  }

  /** Sum of the encoded input sizes: what the message size limits are measured against. */
  public long payloadBytes() {
    return inputs.stream().mapToLong(input -> input.rawContents().size()).sum();
  }

  ModelInferRequest toProto() {
    ModelInferRequest.Builder proto =
        ModelInferRequest.newBuilder()
            .setModelName(modelName)
            .setModelVersion(modelVersion)
            .setId(id);
    if (priority > 0) {
      proto.putParameters(
          PRIORITY_PARAMETER, InferParameter.newBuilder().setInt64Param(priority).build());
    }
    if (timeout != null) {
      proto.putParameters(
          TIMEOUT_PARAMETER,
          InferParameter.newBuilder().setInt64Param(toMicros(timeout)).build());
    }
    for (InferInput input : inputs) {
      proto.addInputs(
          ModelInferRequest.InferInputTensor.newBuilder()
              .setName(input.name())
              .setDatatype(input.datatype().wireName())
              .addAllShape(input.shape()));
      proto.addRawInputContents(input.rawContents());
    }
    for (String output : requestedOutputs) {
      proto.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(output));
    }
    return proto.build();
  }

  private static long toMicros(Duration duration) {
    long micros = duration.toNanos() / 1_000;
    return Math.max(1, micros);
  }

  @Override
  public String toString() {
    return "InferRequest[model=" + modelName + ", id=" + id + ", priority=" + priority
        + ", inputs=" + inputs + "]";
  }

  /** Collects a request; {@link #build()} validates it. */
  public static final class Builder {
    private final String modelName;
    private String modelVersion = "";
    private String id;
    private long priority;
    private Duration timeout;
    private final List<InferInput> inputs = new ArrayList<>();
    private final List<String> requestedOutputs = new ArrayList<>();

    private Builder(String modelName) {
      this.modelName = modelName;
    }

    public Builder modelVersion(String modelVersion) {
      this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
      return this;
    }

    /** Defaults to a random UUID. */
    public Builder id(String id) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("request id is empty");
      }
      this.id = id;
      return this;
    }

    /** Triton priority level: 1 is highest, 0 the model default. */
    public Builder priority(long priority) {
      this.priority = priority;
      return this;
    }

    /** How long the request may wait in the server's queue (needs allow_timeout_override). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder input(InferInput input) {
      inputs.add(Objects.requireNonNull(input, "input"));
      return this;
    }

    public Builder requestOutput(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("output name is empty");
      }
      requestedOutputs.add(name);
      return this;
    }

    public InferRequest build() {
      return new InferRequest(this);
    }
  }
}
