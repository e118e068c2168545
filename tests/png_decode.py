"""An outside PNG reader for tests (Python's own zlib, nothing shared with tests/png.ts): checks the signature,
every chunk's CRC and the chunk order, undoes all five row filters and prints `width height sha256` of the
pixels as 8-bit RGBA (RGB gets alpha 255). Usage: python3 tests/png_decode.py FILE.png"""
import hashlib
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def decode(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG signature")
    pos, types, idat = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"bad CRC in {kind!r}")
        types.append(kind)
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError("only 8-bit RGB/RGBA, not interlaced")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if types[0] != b"IHDR" or types[-1] != b"IEND" or pos != len(data):
        raise ValueError(f"chunk order {types}")
    channels = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError("image data of the wrong length")
    prev, pixels = bytearray(stride), bytearray()
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride) if kind else ():
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            line[x] = (line[x] + [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]) & 255
        pixels += line
        prev = line
    if channels == 4:
        return width, height, bytes(pixels)
    rgba = bytearray(b"\xff") * (width * height * 4)
    for c in range(3):
        rgba[c::4] = pixels[c::3]
    return width, height, bytes(rgba)


if __name__ == "__main__":
    w, h, rgba = decode(open(sys.argv[1], "rb").read())
    print(w, h, hashlib.sha256(rgba).hexdigest())
