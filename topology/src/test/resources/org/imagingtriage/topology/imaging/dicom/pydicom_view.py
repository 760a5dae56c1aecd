"""pydicom's view of every DICOM file under a folder, one tab-separated line per file.

PydicomCorpusTest runs this with Debian's /usr/bin/python3 and compares the Java reader's view
with it. Columns: relative path, whether pydicom reads the file (dcmread without force),
transfer syntax UID, Rows, Columns, NumberOfFrames as written, pixel data kind (native,
encapsulated or none), pixel data value length as pydicom holds it, number of top-level
elements. Unknown or absent values are '-'.
"""
import os
import sys
import warnings

import pydicom

SKIPPED_SUFFIXES = (".py", ".pyc", ".json", ".txt", ".md", ".dump", ".gz")
PIXEL_KEYWORDS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


def column(value):
    return "-" if value is None or value == "" else str(value)


def view(path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset = pydicom.dcmread(path)
    except Exception as error:  # what pydicom refuses is the point of the comparison
        return ["0", type(error).__name__, "-", "-", "-", "-", "-", "-"]
    meta = getattr(dataset, "file_meta", None)
    syntax = getattr(meta, "TransferSyntaxUID", None) if meta is not None else None
    frames = dataset.get("NumberOfFrames")
    kind, length = "none", None
    for keyword in PIXEL_KEYWORDS:
        if keyword in dataset:
            element = dataset[keyword]
            undefined = getattr(element, "is_undefined_length", False)
            kind = "encapsulated" if undefined else "native"
            length = len(element.value)
            break
    raw_frames = None
    if frames is not None:
        raw = dataset.data_element("NumberOfFrames")
        raw_frames = str(raw.value).strip() if raw is not None else None
    return ["1", column(syntax), column(dataset.get("Rows")), column(dataset.get("Columns")), column(raw_frames),
            kind, column(length), str(len(dataset))]


def main(root):
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            if "__pycache__" in path or name.endswith(SKIPPED_SUFFIXES) or name == "README":
                continue
            print("\t".join([os.path.relpath(path, root)] + view(path)))


if __name__ == "__main__":
    main(sys.argv[1])
