"""Pillow's side of LetterboxPillowAgreementTest.

    pillow_resize.py MANIFEST

Each MANIFEST line is `PATH MODE WIDTH HEIGHT TARGET_WIDTH TARGET_HEIGHT`: PATH holds raw 8-bit
pixels (MODE L or RGB). Writes PATH + ".pillow", the image resized with Image.BILINEAR, as RGB
bytes (L replicated), and prints one line per case. Run with Debian's /usr/bin/python3
(python3-pil).
"""
import sys

from PIL import Image


def main(manifest):
    with open(manifest) as cases:
        for line in cases:
            path, mode, width, height, target_width, target_height = line.split()
            with open(path, "rb") as f:
                image = Image.frombytes(mode, (int(width), int(height)), f.read())
            resized = image.resize((int(target_width), int(target_height)), Image.BILINEAR)
            with open(path + ".pillow", "wb") as f:
                f.write(resized.convert("RGB").tobytes())
            print(path, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
