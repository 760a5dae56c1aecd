"""The Python reference for `triage bench preprocess`: the same work as the pipeline's
decode and preprocess stages, done the usual way in Python (pydicom, numpy, Pillow).

    preprocess_reference.py versions           print the versions used
    preprocess_reference.py prepare DIR CORPUS write the benchmark's derived inputs into DIR
    preprocess_reference.py run SECONDS FILE.. time raw bytes -> 896x896 RGB uint8 per file

`run` prints one JSON object per file: {"file", "images", "seconds", "side"}. Single-threaded,
so images per second is per core. Run with Debian's /usr/bin/python3 (python3-pydicom,
python3-numpy, python3-pil).
"""
import io
import json
import sys
import time
import warnings

import numpy as np
import pydicom
from PIL import Image
from pydicom.pixel_data_handlers.util import apply_modality_lut, apply_voi_lut
from pydicom.uid import ExplicitVRLittleEndian

SIDE = 896
# pydicom warns about headers that disagree with their JPEG 2000 streams; not our concern here.
warnings.simplefilter("ignore")
# CT shown as three windows in R, G, B (lower, upper) in HU, as the pipeline does.
CT_WINDOWS = ((-1024.0, 1024.0), (-135.0, 215.0), (0.0, 80.0))


def to_uint8(values, lower, upper):
    scaled = (values.astype(np.float32) - lower) * (255.0 / (upper - lower))
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)


def display(ds):
    pixels = ds.pixel_array
    if pixels.ndim == 3 and ds.get("SamplesPerPixel", 1) == 1:
        pixels = pixels[pixels.shape[0] // 2]  # multi-frame: the middle frame
    if ds.get("SamplesPerPixel", 1) == 3:
        if ds.PhotometricInterpretation.startswith("YBR"):
            pixels = pydicom.pixel_data_handlers.util.convert_color_space(
                pixels, ds.PhotometricInterpretation, "RGB")
        if pixels.dtype != np.uint8:
            pixels = to_uint8(pixels, 0, (1 << ds.BitsStored) - 1)
        return pixels
    values = apply_modality_lut(pixels, ds)
    if ds.get("Modality") == "CT":
        return np.dstack([to_uint8(values, lower, upper) for lower, upper in CT_WINDOWS])
    if "WindowWidth" in ds or "VOILUTSequence" in ds:
        values = apply_voi_lut(values, ds)
    grey = to_uint8(values, float(values.min()), float(max(values.max(), values.min() + 1)))
    if ds.PhotometricInterpretation == "MONOCHROME1":
        grey = 255 - grey
    return np.dstack([grey, grey, grey])


def letterbox(rgb):
    height, width = rgb.shape[:2]
    scale = SIDE / max(width, height)
    new_width, new_height = max(1, round(width * scale)), max(1, round(height * scale))
    resized = Image.fromarray(rgb, "RGB").resize((new_width, new_height), Image.BILINEAR)
    canvas = Image.new("RGB", (SIDE, SIDE))
    canvas.paste(resized, ((SIDE - new_width) // 2, (SIDE - new_height) // 2))
    return np.asarray(canvas)


def preprocess(data):
    return letterbox(display(pydicom.dcmread(io.BytesIO(data))))


def run(seconds, files):
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        side = preprocess(data).shape[0]
        warm_until = time.perf_counter() + min(1.0, seconds / 3)
        while time.perf_counter() < warm_until:
            preprocess(data)
        images, start = 0, time.perf_counter()
        while True:
            preprocess(data)
            images += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        print(json.dumps({"file": path, "images": images, "seconds": elapsed, "side": side}), flush=True)


def prepare(directory, corpus):
    # A 512x512 CT, uncompressed: the JPEG 2000 CT of pydicom's corpus, decoded once and saved
    # as explicit VR little endian, so both sides read the same real CT pixels.
    ds = pydicom.dcmread(corpus + "/693_J2KI.dcm")
    pixels = ds.pixel_array.astype(np.int16)
    ds.PixelData = pixels.tobytes()
    ds["PixelData"].VR = "OW"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.is_implicit_VR, ds.is_little_endian = False, True
    ds.save_as(directory + "/ct-512-uncompressed.dcm", write_like_original=False)


if __name__ == "__main__":
    if sys.argv[1] == "versions":
        import PIL
        print("Python %s, pydicom %s, numpy %s, Pillow %s" % (
            sys.version.split()[0], pydicom.__version__, np.__version__, PIL.__version__))
    elif sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    else:
        run(float(sys.argv[2]), sys.argv[3:])
