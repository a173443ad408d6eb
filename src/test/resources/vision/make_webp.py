"""Writes tiny.webp for ImageTest: a 4x2 lossless WebP (VP8L) written bit by bit, since no WebP encoder
is installed. Each channel takes two values, so every prefix code is a 'simple' code of 1 bit per symbol
(alpha is constant: 0 bits). Run: /usr/bin/python3 make_webp.py"""
import struct

W, H = 4, 2
R, G, B = (10, 200), (20, 220), (30, 90)
# (r, g, b) index choices per pixel, row-major
PIX = [(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1),
       (1, 1, 1), (1, 1, 0), (0, 1, 1), (1, 0, 1)]

bits = []
def put(value, n):
    for i in range(n):
        bits.append((value >> i) & 1)

put(0x2F, 8)                      # signature
put(W - 1, 14); put(H - 1, 14)
put(0, 1); put(0, 3)              # alpha_is_used, version
put(0, 1)                         # no transform
put(0, 1)                         # no color cache
put(0, 1)                         # no meta prefix codes
def simple2(a, b):                # two symbols, 8 bits each
    put(1, 1); put(1, 1); put(1, 1); put(a, 8); put(b, 8)
def simple1(a):
    put(1, 1); put(0, 1); put(1, 1); put(a, 8)
simple2(*G); simple2(*R); simple2(*B); simple1(255); simple1(0)   # green, red, blue, alpha, distance
for r, g, b in PIX:
    put(g, 1); put(r, 1); put(b, 1)   # alpha and distance codes have one symbol: no bits
while len(bits) % 8:
    bits.append(0)
data = bytes(sum(bits[i + k] << k for k in range(8)) for i in range(0, len(bits), 8))
chunk = b"VP8L" + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")
riff = b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk
open("tiny.webp", "wb").write(riff)
print("expected RGB pixels:", [(R[r], G[g], B[b]) for r, g, b in PIX])
