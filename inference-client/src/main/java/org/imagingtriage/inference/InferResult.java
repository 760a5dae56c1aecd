package org.imagingtriage.inference;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.imagingtriage.inference.proto.InferParameter;
import org.imagingtriage.inference.proto.ModelInferResponse;

/** One decoded inference response. A decoupled request may produce several. */
public final class InferResult {

  /** Triton's response parameter marking the last response of a request on a stream. */
  public static final String FINAL_RESPONSE_PARAMETER = "triton_final_response";

  private final String modelName;
  private final String modelVersion;
  private final String id;
  private final Map<String, OutputTensor> outputs;
  private final Optional<Boolean> finalFlag;
  private final Map<String, InferParameter> parameters;

  private InferResult(
      String modelName,
      String modelVersion,
      String id,
      Map<String, OutputTensor> outputs,
      Optional<Boolean> finalFlag,
      Map<String, InferParameter> parameters) {
    this.modelName = modelName;
    this.parameters = Map.copyOf(parameters);
    this.modelVersion = modelVersion;
    this.id = id;
    this.outputs = Collections.unmodifiableMap(outputs);
    this.finalFlag = finalFlag;
  }

  /**
   * Decodes a response. Raw output contents are used when present (one entry per output, in
   * output order); otherwise each output's typed contents.
   *
   * @throws MalformedTensorException when the response contradicts itself
   */
  public static InferResult fromProto(ModelInferResponse response) {
    int rawCount = response.getRawOutputContentsCount();
    if (rawCount != 0 && rawCount != response.getOutputsCount()) {
      throw new MalformedTensorException(
          "*",
          "response has " + response.getOutputsCount() + " outputs but " + rawCount
              + " raw_output_contents entries");
    }
    Map<String, OutputTensor> outputs = new LinkedHashMap<>();
    for (int i = 0; i < response.getOutputsCount(); i++) {
      ModelInferResponse.InferOutputTensor tensor = response.getOutputs(i);
      Datatype datatype;
      try {
        datatype = Datatype.fromWire(tensor.getDatatype());
      } catch (IllegalArgumentException e) {
        throw new MalformedTensorException(tensor.getName(), e.getMessage());
      }
      ByteString raw =
          rawCount != 0
              ? response.getRawOutputContents(i)
              : TypedContents.toRaw(tensor.getName(), datatype, tensor.getContents());
      OutputTensor decoded =
          new OutputTensor(tensor.getName(), datatype, tensor.getShapeList(), raw);
      if (outputs.put(tensor.getName(), decoded) != null) {
        throw new MalformedTensorException(tensor.getName(), "output appears twice");
      }
    }
    InferParameter flag = response.getParametersMap().get(FINAL_RESPONSE_PARAMETER);
    Optional<Boolean> finalFlag =
        flag != null && flag.getParameterChoiceCase() == InferParameter.ParameterChoiceCase.BOOL_PARAM
            ? Optional.of(flag.getBoolParam())
            : Optional.empty();
    return new InferResult(
        response.getModelName(),
        response.getModelVersion(),
        response.getId(),
        outputs,
        finalFlag,
        response.getParametersMap());
  }

  public String modelName() {
    return modelName;
  }

  public String modelVersion() {
    return modelVersion;
  }

  public String id() {
    return id;
  }

  public Map<String, OutputTensor> outputs() {
    return outputs;
  }

  /**
   * @throws IllegalStateException when the response lacks the output
   */
  public OutputTensor output(String name) {
    OutputTensor tensor = outputs.get(name);
    if (tensor == null) {
      throw new IllegalStateException(
          "response of model " + modelName + " has no output " + name + "; it has "
              + outputs.keySet());
    }
    return tensor;
  }

  /** Triton's {@value #FINAL_RESPONSE_PARAMETER} flag, when the server sent it. */
  public Optional<Boolean> finalFlag() {
    return finalFlag;
  }

  /**
   * Whether no further response follows for this request. A response without the flag comes
   * from a non-decoupled model, which answers exactly once.
   */
  public boolean isFinal() {
    return finalFlag.orElse(true);
  }

  /** A boolean response parameter, when the server sent {@code name} as a bool_param. */
  public Optional<Boolean> boolParameter(String name) {
    InferParameter parameter = parameters.get(name);
    return parameter != null
            && parameter.getParameterChoiceCase() == InferParameter.ParameterChoiceCase.BOOL_PARAM
        ? Optional.of(parameter.getBoolParam())
        : Optional.empty();
  }

  /** An empty final response only closes a decoupled request; it carries no data. */
  public boolean isEmpty() {
    return outputs.isEmpty();
  }

  @Override
  public String toString() {
    return "InferResult[model=" + modelName + ", version=" + modelVersion + ", id=" + id
        + ", outputs=" + outputs.values() + ", final=" + finalFlag.map(String::valueOf).orElse("-")
        + "]";
  }
}
