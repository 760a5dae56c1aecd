package org.imagingtriage.topology.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntBinaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.imagingtriage.contract.Deidentification;
import org.imagingtriage.contract.ImageEvent;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.contract.InlineImage;
import org.imagingtriage.contract.Priority;

/** Images generated for the tests: nothing binary is committed. */
public final class TestImages {

    private TestImages() {
    }

    public static BufferedImage grey8(int width, int height, IntBinaryOperator value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return image;
    }

    public static BufferedImage grey16(int width, int height, IntBinaryOperator value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** {@code argb} returns 0xAARRGGBB. */
    public static BufferedImage argb(int width, int height, IntBinaryOperator argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** {@code rgb} returns 0xRRGGBB. */
    public static BufferedImage rgb(int width, int height, IntBinaryOperator rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** A 4-entry palette image; {@code index} picks the entry per pixel. */
    public static BufferedImage palette(int width, int height, byte[] reds, byte[] greens, byte[] blues,
            IntBinaryOperator index) {
        IndexColorModel model = new IndexColorModel(2, reds.length, reds, greens, blues);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, model);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, index.applyAsInt(x, y));
            }
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + image);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A four-component (CMYK, Adobe-less) JPEG, as ImageIO writes a 4-band raster. */
    public static byte[] cmykJpeg(int width, int height) {
        Raster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // --- PNG surgery -----------------------------------------------------------------------

    /** One PNG chunk with its length and CRC. */
    public static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return chunk.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue()).array();
    }

    /** A tEXt chunk: keyword, NUL, text. */
    public static byte[] textChunk(String keyword, String text) {
        return pngChunk("tEXt", (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code png} with {@code chunk} inserted just before IEND, that is after the image data. */
    public static byte[] insertBeforeIend(byte[] png, byte[] chunk) {
        int iend = png.length - 12;
        return ByteBuffer.allocate(png.length + chunk.length).put(png, 0, iend).put(chunk).put(png, iend, 12).array();
    }

    /**
     * A valid PNG whose header declares {@code width} x {@code height} 8-bit RGB, followed by a
     * few bytes of real compressed data: what a decompression bomb looks like to a header reader.
     */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] compressed = new byte[1024];
        int length = deflater.deflate(compressed);
        deflater.end();
        byte[] idat = Arrays.copyOf(compressed, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        out.writeBytes(pngChunk("IDAT", idat));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    // --- JPEG surgery ----------------------------------------------------------------------

    /** {@code jpeg} with a marker segment inserted right after SOI. */
    public static byte[] insertAfterSoi(byte[] jpeg, int marker, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + data.length);
        out.put(jpeg, 0, 2).put((byte) 0xff).put((byte) marker).putShort((short) (data.length + 2)).put(data);
        return out.put(jpeg, 2, jpeg.length - 2).array();
    }

    /** Offset of the first occurrence of marker 0xFF {@code marker} after SOI, or -1. */
    public static int markerOffset(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        return -1;
    }

    // --- events ----------------------------------------------------------------------------

    public static ImageEvent.Builder event(ImageFormat format, Object payload) {
        return ImageEvent.newBuilder()
                .setEventId(UUID.fromString("00000000-0000-4000-8000-000000000001"))
                .setSopInstanceUid("1.2.826.0.1.3680043.8.498.1")
                .setStudyInstanceUid("1.2.826.0.1.3680043.8.498.2")
                .setSeriesInstanceUid("1.2.826.0.1.3680043.8.498.3")
                .setSource("test-feed")
                .setModality("DX")
                .setBodyPart("CHEST")
                .setPriority(Priority.ROUTINE)
                .setFormat(format)
                .setPayload(payload)
                .setDeidentification(new Deidentification(true, "test"))
                .setCreatedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .setAttributes(Map.of());
    }

    public static InlineImage inline(byte[] bytes) {
        return new InlineImage(ByteBuffer.wrap(bytes));
    }
}
