package org.imagingtriage.topology.review.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.decode.DecodedImage;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedImage;
import org.imagingtriage.topology.imaging.preprocess.PreprocessedPng;
import org.imagingtriage.topology.pipeline.ImagingStages;
import org.imagingtriage.topology.review.web.DraftImageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image behind a draft, rebuilt as the model saw it: the event is fetched again from its topic
 * ({@link KafkaEventFetcher}), and its image resolved, decoded, checked by the
 * de-identification gate (both halves: the event and the image) and preprocessed by the
 * pipeline's own stages. What the gate refuses is never shown; the reason code is returned. Nor is
 * an input that hashes otherwise than the draft's {@code inputSha256} (other limits or another
 * preprocessing version than when the pipeline drafted it): it would not be what the model saw.
 *
 * <p>Bounded: {@link #MAX_RENDERS} renders at once (more are refused as busy, and the page may
 * ask again), and the last {@link #CACHED} answers are kept, images and refusals alike, since a
 * reviewer reopens the same draft.
 */
public final class DraftImages implements DraftImageSource {

    static final int MAX_RENDERS = 2;
    static final int CACHED = 64;
    public static final String NOT_FOUND = "EVENT_NOT_FOUND";
    public static final String BUSY = "BUSY_TRY_AGAIN";
    /** The rebuilt input hashes otherwise than the draft's: not the image the model saw. */
    public static final String INPUT_MISMATCH = "INPUT_MISMATCH";
    private static final Logger LOG = LoggerFactory.getLogger(DraftImages.class);

    private final EventFetcher events;
    private final ImagingStages imaging;
    private final Semaphore renders = new Semaphore(MAX_RENDERS);
    /** Rendered images and refusals by event: a refused image is refused again without a render. */
    private final Map<UUID, ImageAnswer> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, ImageAnswer> eldest) {
            return size() > CACHED;
        }
    };

    public DraftImages(EventFetcher events, ImagingStages imaging) {
        this.events = Objects.requireNonNull(events, "events");
        this.imaging = Objects.requireNonNull(imaging, "imaging");
    }

    @Override
    public ImageAnswer image(String sopInstanceUid, UUID eventId, String inputSha256) {
        synchronized (cache) {
            ImageAnswer cached = cache.get(eventId);
            if (cached != null) {
                return cached;
            }
        }
        if (!renders.tryAcquire()) {
            return ImageAnswer.busy(BUSY);
        }
        try {
            Optional<ImageEvent> event = events.fetch(sopInstanceUid, eventId);
            if (event.isEmpty()) {
                return ImageAnswer.refused(NOT_FOUND);
            }
            PreprocessedImage input = render(event.get());
            if (!input.inputSha256().equalsIgnoreCase(inputSha256)) {
                // Other limits or another preprocessing version than the pipeline's when it drafted.
                LOG.atWarn().setMessage("image not shown: not the model's input")
                        .addKeyValue("stage", "review-images")
                        .addKeyValue("eventId", eventId)
                        .addKeyValue("reason", INPUT_MISMATCH)
                        .log();
                return remember(eventId, ImageAnswer.refused(INPUT_MISMATCH));
            }
            return remember(eventId, ImageAnswer.of(PreprocessedPng.bytes(input)));
        } catch (ImagingException refused) {
            LOG.atInfo().setMessage("image not shown")
                    .addKeyValue("stage", "review-images")
                    .addKeyValue("eventId", eventId)
                    .addKeyValue("reason", refused.reasonCode())
                    .log();
            // A transient failure (a reference briefly unreachable) is tried again next time.
            return refused.isTransient() ? ImageAnswer.refused(refused.reasonCode())
                    : remember(eventId, ImageAnswer.refused(refused.reasonCode()));
        } finally {
            renders.release();
        }
    }

    private ImageAnswer remember(UUID eventId, ImageAnswer answer) {
        synchronized (cache) {
            cache.put(eventId, answer);
        }
        return answer;
    }

    /** The pipeline's stages in the pipeline's order, gate checks included. */
    private PreprocessedImage render(ImageEvent event) throws ImagingException {
        imaging.gate().checkEvent(event);
        byte[] bytes = imaging.resolver().resolve(event);
        DecodedImage decoded = imaging.decoders().decode(event.getFormat(), bytes);
        imaging.gate().checkImage(decoded);
        return imaging.preprocessor().preprocess(decoded);
    }

}
