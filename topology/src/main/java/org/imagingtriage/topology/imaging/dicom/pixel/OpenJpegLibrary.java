package org.imagingtriage.topology.imaging.dicom.pixel;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * The part of OpenJPEG's C API (libopenjp2, {@code openjpeg.h} of 2.x) that decodes a JPEG 2000
 * codestream from memory, bound with JNA. OpenJPEG is the JPEG 2000 reference decoder, the one
 * pydicom reaches through Pillow; Debian ships it as {@code libopenjp2-7}.
 */
interface OpenJpegLibrary extends Library {

    /** {@code OPJ_CODEC_J2K}: a raw codestream, which is what DICOM encapsulates. */
    int CODEC_J2K = 0;

    /**
     * Room for {@code opj_dparameters_t}, which the library fills with its defaults: two 4096-byte
     * path buffers and a few dozen ints, under 8.5 KiB in every 2.x release.
     */
    int DECODER_PARAMETERS_BYTES = 16 * 1024;

    /** Offsets in {@code opj_image_t} (x86-64 and aarch64 LP64 layout). */
    int IMAGE_X0 = 0;
    int IMAGE_Y0 = 4;
    int IMAGE_X1 = 8;
    int IMAGE_Y1 = 12;
    int IMAGE_NUMCOMPS = 16;
    int IMAGE_COMPS = 24;

    /** {@code opj_image_comp_t}: eleven OPJ_UINT32, the data pointer, OPJ_UINT16 alpha, padded to 64. */
    int COMP_BYTES = 64;
    int COMP_W = 8;
    int COMP_H = 12;
    int COMP_PREC = 24;
    int COMP_DATA = 48;

    /** The library if this machine has it, loaded once; empty when it does not. */
    static Optional<OpenJpegLibrary> load() {
        return Holder.LIBRARY;
    }

    Pointer opj_create_decompress(int format);

    void opj_set_default_decoder_parameters(Pointer parameters);

    int opj_setup_decoder(Pointer codec, Pointer parameters);

    int opj_set_error_handler(Pointer codec, MessageCallback handler, Pointer clientData);

    int opj_set_warning_handler(Pointer codec, MessageCallback handler, Pointer clientData);

    Pointer opj_stream_create(long bufferSize, int isInput);

    void opj_stream_set_read_function(Pointer stream, ReadCallback read);

    void opj_stream_set_skip_function(Pointer stream, SkipCallback skip);

    void opj_stream_set_seek_function(Pointer stream, SeekCallback seek);

    void opj_stream_set_user_data_length(Pointer stream, long length);

    int opj_read_header(Pointer stream, Pointer codec, PointerByReference image);

    int opj_decode(Pointer codec, Pointer stream, Pointer image);

    int opj_end_decompress(Pointer codec, Pointer stream);

    void opj_stream_destroy(Pointer stream);

    void opj_destroy_codec(Pointer codec);

    void opj_image_destroy(Pointer image);

    /** {@code opj_msg_callback}. */
    interface MessageCallback extends Callback {
        void invoke(String message, Pointer clientData);
    }

    /** {@code opj_stream_read_fn}: bytes copied, or (size_t) -1 at the end. */
    interface ReadCallback extends Callback {
        long invoke(Pointer buffer, long bytes, Pointer userData);
    }

    /** {@code opj_stream_skip_fn}: bytes skipped, or -1. */
    interface SkipCallback extends Callback {
        long invoke(long bytes, Pointer userData);
    }

    /** {@code opj_stream_seek_fn}: OPJ_TRUE when the position is now {@code offset}. */
    interface SeekCallback extends Callback {
        int invoke(long offset, Pointer userData);
    }

    /** Loaded on first use; a machine without libopenjp2 (or without JNA's native part) gets empty. */
    final class Holder {

        private static final Optional<OpenJpegLibrary> LIBRARY = tryLoad();

        private Holder() {
        }

        private static Optional<OpenJpegLibrary> tryLoad() {
            // Debian's runtime package has only the versioned name; the -dev package adds libopenjp2.so.
            for (String name : new String[] {"openjp2", "libopenjp2.so.7"}) {
                try {
                    return Optional.of(Native.load(name, OpenJpegLibrary.class));
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    // try the next name; absent altogether means the pure-Java decoder is used
                }
            }
            return Optional.empty();
        }
    }
}
