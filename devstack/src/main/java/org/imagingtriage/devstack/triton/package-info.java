/**
 * A Java simulator of NVIDIA Triton Inference Server's KServe v2 gRPC interface, for development
 * and CI, where no GPU and no Triton binary exist.
 *
 * <p>{@link org.imagingtriage.devstack.triton.TritonSimulator} loads a real Triton model repository
 * (config.pbtxt parsed with protobuf TextFormat into the project's {@code ModelConfig}) and
 * enforces it as Triton does. Start it from code with a
 * {@link org.imagingtriage.devstack.triton.TritonSimulatorConfig}, from a test class with
 * {@link org.imagingtriage.devstack.triton.TritonSimulatorExtension}, or as a process with
 * {@code ./triage triton-simulator} ({@link org.imagingtriage.devstack.cli.TritonSimulatorCommand}).
 *
 * <h2>What is Triton's, and where it was checked</h2>
 * Behaviour, messages and status codes follow Triton's sources (triton-inference-server/core and
 * /server, main branch as of server 2.73.0dev); only facts were taken, no code:
 * <ul>
 *   <li>request checks and their order: server {@code src/grpc/infer_handler.cc}
 *       (parameters, contents vs raw_input_contents) and core {@code src/infer_request.cc}
 *       ({@code Normalize}: outputs, input count, names, batch dimension, batch size, data type,
 *       shape, byte size, BYTES walk), {@code src/model.cc} (unexpected input/output);</li>
 *   <li>model lookup: core {@code model_repository_manager.cc}, {@code model_lifecycle.cc}
 *       (NOT_FOUND "Request for unknown model: ..."), server {@code src/common.cc} (version strings);</li>
 *   <li>dynamic batching: core {@code src/dynamic_batch_scheduler.cc} ({@code GetDynamicBatch}) and
 *       {@code src/scheduler_utils.cc} (priority queues, "Exceeds maximum queue size", timeouts,
 *       DELAY); "Request timeout expired" is UNAVAILABLE;</li>
 *   <li>config defaults and load checks: core {@code src/model_config_utils.cc};</li>
 *   <li>statistics: core {@code src/infer_stats.cc} and {@code src/tritonserver.cc};</li>
 *   <li>streams: server {@code src/grpc/stream_infer_handler.cc} ({@code triton_final_response},
 *       {@code triton_enable_empty_final_response}, errors as {@code error_message});</li>
 *   <li>the vLLM backend's inputs and streaming: triton-inference-server/vllm_backend {@code src/model.py}.</li>
 * </ul>
 *
 * <h2>Where it differs on purpose</h2>
 * <ul>
 *   <li>A BYTES element whose declared length runs past its buffer, and a request that omits a
 *       required input while sending an optional one, are refused here; Triton lets them reach the
 *       backend.</li>
 *   <li>Queue timeouts fire at the deadline; Triton notices them while waiting for an instance at
 *       least every 500 ms.</li>
 *   <li>Instances of every kind (GPU, CPU, MODEL) only count concurrent executions; shared memory,
 *       response cache, sequence batching, ensembles, preserve_ordering and rate limiting are not
 *       simulated.</li>
 *   <li>Outputs are simulations: MedGemma's DRAFT is a {@link org.imagingtriage.devstack.triton.SimulatedDraft},
 *       and every response carries the bool parameter {@code simulated}.</li>
 * </ul>
 */
package org.imagingtriage.devstack.triton;
