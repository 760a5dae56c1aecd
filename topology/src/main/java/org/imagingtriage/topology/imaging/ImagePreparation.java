package org.imagingtriage.topology.imaging;

import java.util.Objects;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.decode.DecoderRegistry;
import org.imagingtriage.topology.imaging.deid.DeidentificationGate;
import org.imagingtriage.topology.imaging.preprocess.ImagePreprocessor;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.imaging.resolve.ImageResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imaging stages in order, for one event: de-identification gate (event half), resolve,
 * decode, de-identification gate (image half), preprocess.
 *
 * <p>The event half of the gate runs first although the flow names the gate after decoding: it
 * needs no bytes, and an event that carries identity should not make the pipeline fetch anything.
 * Failures are logged with the event id, stage and reason code only (the detail goes to the dead
 * letter, not the log) and rethrown for the topology to retry (transient) or dead-letter.
 */
public final class ImagePreparation {

    private static final Logger LOG = LoggerFactory.getLogger(ImagePreparation.class);

    private final ImageResolver resolver;
    private final DecoderRegistry decoders;
    private final DeidentificationGate gate;
    private final ImagePreprocessor preprocessor;

    public ImagePreparation(ImageResolver resolver, DecoderRegistry decoders, DeidentificationGate gate,
            ImagePreprocessor preprocessor) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    }

    /** The model tensor for {@code event}, or the stage and reason that refused it. */
    public PreprocessedImage prepare(ImageEvent event) throws ImagingException {
        try {
            gate.checkEvent(event);
            byte[] bytes = resolver.resolve(event);
            DecodedImage image = decoders.decode(event.getFormat(), bytes);
            gate.checkImage(image);
            PreprocessedImage prepared = preprocessor.preprocess(image);
            LOG.debug("event {} preprocessed ({})", event.getEventId(), prepared.preprocessingVersion());
            return prepared;
        } catch (ImagingException e) {
            if (e.isTransient()) {
                LOG.info("event {} not prepared yet: stage {} reason {} (transient)", event.getEventId(), e.stage(),
                        e.reasonCode());
            } else {
                LOG.warn("event {} refused: stage {} reason {}", event.getEventId(), e.stage(), e.reasonCode());
            }
            throw e;
        }
    }
}
