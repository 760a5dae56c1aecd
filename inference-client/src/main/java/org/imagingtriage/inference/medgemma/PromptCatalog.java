package org.imagingtriage.inference.medgemma;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MedGemma prompts, loaded from JSON (the shipped default is the classpath resource
 * {@value #DEFAULT_RESOURCE}). Every prompt is rendered and hashed once at load time, so
 * selection is a lookup and a prompt id always maps to one hash.
 *
 * <p>Selection: the template listing both the modality and the body part; else the one listing
 * the modality with no body parts; else the default template.
 */
public final class PromptCatalog {

  public static final String DEFAULT_RESOURCE = "medgemma-prompts.json";

  private static final Logger log = LoggerFactory.getLogger(PromptCatalog.class);
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private final GenerationParameters generation;
  private final Map<String, RenderedPrompt> renderedById;
  private final Map<String, String> idByModalityAndBodyPart;
  private final Map<String, String> idByModality;
  private final String defaultId;

  /**
   * The rendered prompt's UTF-8 size limit: model.py's {@code max_prompt_bytes} default in the
   * model repository's config.pbtxt. A longer prompt would be refused by the model for every
   * event using it, so the catalog refuses it at load time instead.
   */
  static final int MAX_RENDERED_PROMPT_BYTES = 8192;

  private PromptCatalog(CatalogFile file) {
    this.generation = file.generation();
    String instruction =
        PromptTemplate.checkedText("catalog", "structuredOutputInstruction",
            file.structuredOutputInstruction());
    Map<String, RenderedPrompt> rendered = new LinkedHashMap<>();
    Map<String, String> byPair = new HashMap<>();
    Map<String, String> byModality = new HashMap<>();
    for (PromptTemplate template : file.templates()) {
      String text =
          Gemma3ChatFormat.render(
              template.systemPrompt(), template.userPrompt() + "\n\n" + instruction);
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > MAX_RENDERED_PROMPT_BYTES) {
        throw new IllegalArgumentException("prompt " + template.id() + " renders to " + utf8.length
            + " UTF-8 bytes; the model accepts at most " + MAX_RENDERED_PROMPT_BYTES);
      }
      RenderedPrompt prompt = new RenderedPrompt(template.id(), text, Sha256.hex(utf8));
      if (rendered.put(template.id(), prompt) != null) {
        throw new IllegalArgumentException("prompt id " + template.id() + " is used twice");
      }
      for (String modality : template.modalities()) {
        if (template.bodyParts().isEmpty()) {
          claim(byModality, modality, template.id(), "modality " + modality);
        }
        for (String bodyPart : template.bodyParts()) {
          claim(byPair, key(modality, bodyPart), template.id(),
              "modality " + modality + " with body part " + bodyPart);
        }
      }
    }
    if (!rendered.containsKey(file.defaultTemplate())) {
      throw new IllegalArgumentException(
          "default template " + file.defaultTemplate() + " is not among the templates");
    }
    this.renderedById = Map.copyOf(rendered);
    this.idByModalityAndBodyPart = Map.copyOf(byPair);
    this.idByModality = Map.copyOf(byModality);
    this.defaultId = file.defaultTemplate();
  }

  /** The catalog shipped in this jar. */
  public static PromptCatalog loadDefault() {
    try (InputStream in = PromptCatalog.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing");
      }
      return parse(in, "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** An operator's catalog file. */
  public static PromptCatalog load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt catalog " + file, e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the source when the catalog is invalid
   */
  public static PromptCatalog parse(InputStream json, String source) {
    CatalogFile file;
    try {
      file = JSON.readValue(json, CatalogFile.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "prompt catalog " + source + " is invalid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt catalog " + source, e);
    }
    try {
      PromptCatalog catalog = new PromptCatalog(file);
      log.atInfo()
          .setMessage("prompt catalog loaded")
          .addKeyValue("source", source)
          .addKeyValue("templates", catalog.renderedById.size())
          .addKeyValue("default", catalog.defaultId)
          .log();
      return catalog;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("prompt catalog " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * The prompt for an image.
   *
   * @param bodyPart may be null or blank (DICOM BodyPartExamined is optional)
   */
  public RenderedPrompt select(String modality, String bodyPart) {
    String normalisedModality = PromptTemplate.normaliseCode(modality);
    String normalisedBodyPart = PromptTemplate.normaliseCode(bodyPart);
    String id = idByModalityAndBodyPart.get(key(normalisedModality, normalisedBodyPart));
    if (id == null) {
      id = idByModality.get(normalisedModality);
    }
    if (id == null) {
      id = defaultId;
    }
    return renderedById.get(id);
  }

  public RenderedPrompt byId(String promptId) {
    RenderedPrompt prompt = renderedById.get(promptId);
    if (prompt == null) {
      throw new IllegalArgumentException("no prompt with id " + promptId);
    }
    return prompt;
  }

  public GenerationParameters generation() {
    return generation;
  }

  private static String key(String modality, String bodyPart) {
    return modality + "\u0000" + bodyPart;
  }

  private static void claim(Map<String, String> index, String key, String id, String what) {
    String previous = index.putIfAbsent(key, id);
    if (previous != null) {
      throw new IllegalArgumentException(
          what + " is claimed by both " + previous + " and " + id);
    }
  }

  /** The JSON file's shape. */
  record CatalogFile(
      String structuredOutputInstruction,
      GenerationParameters generation,
      String defaultTemplate,
      List<PromptTemplate> templates) {

    @JsonCreator
    CatalogFile(
        @JsonProperty(value = "structuredOutputInstruction", required = true)
            String structuredOutputInstruction,
        @JsonProperty(value = "generation", required = true) GenerationParameters generation,
        @JsonProperty(value = "defaultTemplate", required = true) String defaultTemplate,
        @JsonProperty(value = "templates", required = true) List<PromptTemplate> templates) {
      this.structuredOutputInstruction = structuredOutputInstruction;
      this.generation = generation;
      this.defaultTemplate = defaultTemplate;
      this.templates = templates == null ? List.of() : List.copyOf(templates);
    }
  }
}
