package org.imagingtriage.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imagingtriage.inference.proto.DataType;
import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelInstanceGroup;
import org.imagingtriage.inference.proto.ModelQueuePolicy;
import org.imagingtriage.inference.testing.ModelConfigs;
import org.junit.jupiter.api.Test;

/**
 * config.pbtxt is protobuf text format, matched by field name: these parse real-world shaped
 * configs with our model_config.proto, as Triton parses them with its own.
 */
class ModelConfigTextFormatTest {

  @Test
  void theMedGemmaContractConfigParses() {
    // when
    ModelConfig config = ModelConfigs.medgemma();

    // then
    assertThat(config.getName()).isEqualTo("medgemma-4b-it");
    assertThat(config.getMaxBatchSize()).isEqualTo(8);
    assertThat(config.getInput(0).getDataType()).isEqualTo(DataType.TYPE_UINT8);
    assertThat(config.getInput(0).getDimsList()).containsExactly(896L, 896L, 3L);
    assertThat(config.getInput(1).getDataType()).isEqualTo(DataType.TYPE_STRING);
    assertThat(config.getInput(2).getOptional()).isTrue();
    assertThat(config.getDynamicBatching().getPreferredBatchSizeList()).containsExactly(4, 8);
    assertThat(config.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(100_000);
    assertThat(config.getDynamicBatching().getDefaultPriorityLevel()).isEqualTo(2);
    assertThat(config.getDynamicBatching().getDefaultQueuePolicy().getTimeoutAction())
        .isEqualTo(ModelQueuePolicy.TimeoutAction.REJECT);
    assertThat(config.getDynamicBatching().getDefaultQueuePolicy().getMaxQueueSize()).isEqualTo(64);
    assertThat(config.getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_GPU);
  }

  @Test
  void aDecoupledVllmConfigParses() {
    ModelConfig config =
        ModelConfigs.parse(
            """
            backend: "vllm"
            max_batch_size: 0
            model_transaction_policy { decoupled: True }
            input [
              { name: "text_input" data_type: TYPE_STRING dims: [ 1 ] },
              { name: "image" data_type: TYPE_STRING dims: [ -1 ] optional: true },
              { name: "stream" data_type: TYPE_BOOL dims: [ 1 ] optional: true },
              { name: "sampling_parameters" data_type: TYPE_STRING dims: [ 1 ] optional: true }
            ]
            output [ { name: "text_output" data_type: TYPE_STRING dims: [ -1 ] } ]
            instance_group [ { count: 1 kind: KIND_MODEL } ]
            parameters { key: "REPORT_CUSTOM_METRICS" value: { string_value: "yes" } }
            """);

    assertThat(config.getModelTransactionPolicy().getDecoupled()).isTrue();
    assertThat(config.getInput(1).getDimsList()).containsExactly(-1L);
    assertThat(config.getParametersMap().get("REPORT_CUSTOM_METRICS").getStringValue())
        .isEqualTo("yes");
  }

  @Test
  void theWholeModelConfigTreeParses() {
    // given a config touching every part of the tree outside the scheduling choice
    ModelConfig config =
        ModelConfigs.parse(
            """
            name: "kitchen-sink"
            platform: "tensorrt_plan"
            runtime: "model.so"
            version_policy { specific { versions: [ 1, 3 ] } }
            max_batch_size: 16
            input [ {
              name: "IN" data_type: TYPE_FP16 format: FORMAT_NCHW dims: [ 3, -1, -1 ]
              reshape { shape: [ 3, 224, 224 ] } is_shape_tensor: false allow_ragged_batch: true
              is_non_linear_format_io: false
            } ]
            output [ {
              name: "OUT" data_type: TYPE_BF16 dims: [ 1000 ] label_filename: "labels.txt"
              reshape { shape: [ 1, 1000 ] } is_shape_tensor: false is_non_linear_format_io: false
            } ]
            batch_input [ {
              kind: BATCH_ACCUMULATED_ELEMENT_COUNT target_name: "ACC" data_type: TYPE_FP32
              source_input: "IN"
            } ]
            batch_output [ { target_name: "OUT" kind: BATCH_SCATTER_WITH_INPUT_SHAPE source_input: "IN" } ]
            optimization {
              graph { level: 1 }
              priority: PRIORITY_MAX
              cuda {
                graphs: true busy_wait_events: true output_copy_stream: true
                graph_spec [ {
                  batch_size: 4
                  input { key: "IN" value { dim: [ 3, 224, 224 ] } }
                  graph_lower_bound { batch_size: 1 input { key: "IN" value { dim: [ 3, 64, 64 ] } } }
                } ]
              }
              execution_accelerators {
                gpu_execution_accelerator [ { name: "tensorrt" parameters { key: "precision_mode" value: "FP16" } } ]
                cpu_execution_accelerator [ { name: "openvino" } ]
              }
              input_pinned_memory { enable: false }
              output_pinned_memory { enable: true }
              gather_kernel_buffer_threshold: 2
              eager_batching: true
            }
            sequence_batching {
              max_sequence_idle_microseconds: 5000000
              oldest { max_candidate_sequences: 4 preferred_batch_size: [ 2, 4 ] max_queue_delay_microseconds: 100 preserve_ordering: true }
              control_input [
                { name: "START" control [ { kind: CONTROL_SEQUENCE_START int32_false_true: [ 0, 1 ] } ] },
                { name: "READY" control [ { kind: CONTROL_SEQUENCE_READY fp32_false_true: [ 0, 1 ] } ] },
                { name: "END" control [ { kind: CONTROL_SEQUENCE_END bool_false_true: [ false, true ] } ] },
                { name: "CORRID" control [ { kind: CONTROL_SEQUENCE_CORRID data_type: TYPE_UINT64 } ] }
              ]
              state [ {
                input_name: "STATE_IN" output_name: "STATE_OUT" data_type: TYPE_INT32 dims: [ -1 ]
                initial_state [ { data_type: TYPE_INT32 dims: [ 1 ] zero_data: true name: "zero" } ]
                use_same_buffer_for_input_output: true use_growable_memory: true
              } ]
              iterative_sequence: false
            }
            instance_group [ {
              name: "group" kind: KIND_GPU count: 2 gpus: [ 0, 1 ] profile: [ "0" ] passive: false
              host_policy: "gpu_0"
              rate_limiter { resources [ { name: "R1" global: true count: 2 } ] priority: 1 }
              secondary_devices [ { kind: KIND_NVDLA device_id: 0 } ]
            } ]
            default_model_filename: "model.plan"
            cc_model_filenames { key: "7.5" value: "model_t4.plan" }
            metric_tags { key: "team" value: "imaging" }
            model_warmup [ {
              name: "warm" batch_size: 1 count: 2
              inputs { key: "IN" value: { data_type: TYPE_FP16 dims: [ 3, 224, 224 ] random_data: true } }
            } ]
            model_operations { op_library_filename: [ "libops.so" ] }
            model_transaction_policy { decoupled: false }
            model_repository_agents { agents [ { name: "checksum" parameters { key: "MD5:model.plan" value: "abc" } } ] }
            response_cache { enable: true }
            model_metrics {
              metric_control [ {
                metric_identifier { family: "nv_inference_first_response_histogram_ms" }
                histogram_options { buckets: [ 1, 10, 100 ] }
              } ]
            }
            """);

    // then the deep fields are where Triton puts them
    assertThat(config.getVersionPolicy().getSpecific().getVersionsList()).containsExactly(1L, 3L);
    assertThat(config.getOptimization().getCuda().getGraphSpec(0).getGraphLowerBound().getBatchSize())
        .isEqualTo(1);
    assertThat(config.getSequenceBatching().getOldest().getMaxCandidateSequences()).isEqualTo(4);
    assertThat(config.getSequenceBatching().getState(0).getInitialState(0).getZeroData()).isTrue();
    assertThat(config.getInstanceGroup(0).getRateLimiter().getResources(0).getGlobal()).isTrue();
    assertThat(config.getModelWarmup(0).getInputsMap().get("IN").getRandomData()).isTrue();
    assertThat(config.getResponseCache().getEnable()).isTrue();
    assertThat(config.getModelMetrics().getMetricControl(0).getHistogramOptions().getBucketsList())
        .containsExactly(1.0, 10.0, 100.0);
  }

  @Test
  void anEnsembleAndPriorityQueuePoliciesParse() {
    ModelConfig ensemble =
        ModelConfigs.parse(
            """
            name: "pipeline" platform: "ensemble" max_batch_size: 8
            ensemble_scheduling {
              step [ {
                model_name: "preprocess" model_version: -1
                input_map { key: "RAW" value: "IMAGE" } output_map { key: "OUT" value: "pre" }
              } ]
              max_inflight_requests: 4
            }
            """);
    ModelConfig priorities =
        ModelConfigs.parse(
            """
            dynamic_batching {
              priority_levels: 2 default_priority_level: 2
              priority_queue_policy { key: 1 value: { timeout_action: DELAY default_timeout_microseconds: 1000 } }
            }
            """);

    assertThat(ensemble.getEnsembleScheduling().getStep(0).getInputMapMap()).containsEntry("RAW", "IMAGE");
    assertThat(priorities.getDynamicBatching().getPriorityQueuePolicyMap().get(1L).getTimeoutAction())
        .isEqualTo(ModelQueuePolicy.TimeoutAction.DELAY);
  }

  @Test
  void aMisspelledFieldIsRejected() {
    assertThatThrownBy(() -> ModelConfigs.parse("max_batch: 8"))
        .rootCause()
        .hasMessageContaining("inference.ModelConfig.max_batch");
  }
}
