"""pydicom's decoded pixels of every DICOM file under a folder, one tab-separated line per file.

PydicomPixelCorpusTest runs this with Debian's /usr/bin/python3 and compares DicomDecoder's
output with it. Columns: relative path, whether pydicom decodes the pixels (1 or 0), transfer
syntax UID, then for decoded files the SHA-256 of the selected frame's values and their count.

The values are those the Java decoder promises: the middle frame (frames // 2) of a multi-frame
file; each stored word reduced to BitsStored bits ending at HighBit and sign-extended when
PixelRepresentation is 1; 32-bit values brought down to 16 bits (reduce_wide); YBR_FULL and
YBR_FULL_422 converted to RGB and PALETTE COLOR looked up, by pydicom's own functions;
pixel-interleaved, each value a little-endian int32.
"""
import hashlib
import os
import sys
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_color_lut, convert_color_space

SKIPPED_SUFFIXES = (".py", ".pyc", ".json", ".txt", ".md", ".dump", ".gz")


def values(dataset):
    array = dataset.pixel_array
    frames = int(dataset.get("NumberOfFrames", 1) or 1)
    if frames > 1:
        array = array[frames // 2]
    bits_allocated = dataset.BitsAllocated
    photometric = dataset.PhotometricInterpretation
    result = array.astype(np.int64)
    if bits_allocated > 1:
        stored = dataset.BitsStored
        shift = dataset.HighBit - stored + 1
        result = (result >> shift) & ((1 << stored) - 1)
        if dataset.PixelRepresentation == 1 and photometric != "PALETTE COLOR":
            result = np.where(result >= 1 << (stored - 1), result - (1 << stored), result)
    if bits_allocated == 32:
        result = reduce_wide(result, dataset)
    if photometric in ("YBR_FULL", "YBR_FULL_422"):
        dtype = np.uint8 if dataset.BitsStored <= 8 else np.uint16
        result = convert_color_space(result.astype(dtype), "YBR_FULL", "RGB").astype(np.int64)
    elif photometric == "PALETTE COLOR":
        result = apply_color_lut(result.astype(np.uint16), dataset).astype(np.int64)
    flat = np.ascontiguousarray(result).reshape(-1).astype("<i4")
    return hashlib.sha256(flat.tobytes()).hexdigest(), flat.size


def reduce_wide(result, dataset):
    """32-bit values to 16 bits as the decoder promises: RGB keeps each sample's top 16 stored
    bits; greyscale is offset by its minimum and, when it spans more than 65,536 steps, scaled
    onto 0..65535 rounding half up (exact integer arithmetic on both sides)."""
    if dataset.SamplesPerPixel == 3:
        return result >> max(0, dataset.BitsStored - 16)
    low, high = int(result.min()), int(result.max())
    span = high - low
    if span <= 65535:
        return result - low
    return ((result - low) * 65535 + span // 2) // span


def view(path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset = pydicom.dcmread(path)
            if "PixelData" not in dataset:
                return None
            syntax = str(dataset.file_meta.TransferSyntaxUID)
            digest, count = values(dataset)
    except Exception as error:  # what pydicom cannot decode is not compared
        return ["0", type(error).__name__, "-", "-"]
    return ["1", syntax, digest, str(count)]


def main(root):
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            if "__pycache__" in path or name.endswith(SKIPPED_SUFFIXES) or name == "README":
                continue
            row = view(path)
            if row is not None:
                print("\t".join([os.path.relpath(path, root)] + row))


if __name__ == "__main__":
    main(sys.argv[1])
