#!/usr/bin/env python3
"""The google-genai side of scripts/bench/sdk-vs-studio.sh: N reference-image jobs, one after another.

Usage:
  sdk_jobs.py BASE_URL --jobs N --ref a.png --ref b.png --ref c.png --out DIR [--poll-interval S]
  sdk_jobs.py --make-pngs DIR [--count 3] [--bytes 1048576]

Each job is what `veo-studio generate --ref a.png --ref b.png --ref c.png --wait` does: read the
three images from disk, submit a text-to-video request with them as asset reference images (8 s,
16:9) with client.models.generate_videos, poll with client.operations.get every --poll-interval
seconds until done (bounded), download the video with client.files.download and write it to DIR.
Prints one line per job and exits non-zero on any failure.

--make-pngs writes random-noise PNGs of about --bytes each (standard library only: zlib, struct),
so the images do not compress and the request carries ~1 MB per image.
"""

import argparse
import os
import struct
import sys
import time
import zlib

MODEL = "veo-3.1-generate-preview"
PROMPT = "A woman in a red dress walks her dog past a blue car"
POLL_DEADLINE = 120.0


def noise_png(target_bytes):
    """An RGB PNG of random noise whose file is about target_bytes long."""
    width = 640
    height = max(1, target_bytes // (width * 3 + 1))
    rng = os.urandom  # noise: deflate cannot shrink it, so the file is ~ the raw size
    raw = b"".join(b"\x00" + rng(width * 3) for _ in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")


def make_pngs(directory, count, target_bytes):
    os.makedirs(directory, exist_ok=True)
    names = []
    for index in range(count):
        path = os.path.join(directory, f"ref-{chr(ord('a') + index)}.png")
        with open(path, "wb") as handle:
            handle.write(noise_png(target_bytes))
        names.append(path)
        print(f"{path} {os.path.getsize(path)} bytes")
    return 0


def run_jobs(url, jobs, refs, out, poll_interval):
    from google import genai
    from google.genai import types

    client = genai.Client(api_key="bench", http_options=types.HttpOptions(base_url=url, api_version="v1beta"))
    os.makedirs(out, exist_ok=True)
    failures = 0
    for job in range(1, jobs + 1):
        started = time.monotonic()
        try:
            references = []
            for path in refs:
                with open(path, "rb") as handle:
                    references.append(types.VideoGenerationReferenceImage(
                        image=types.Image(image_bytes=handle.read(), mime_type="image/png"), reference_type="asset"))
            operation = client.models.generate_videos(
                model=MODEL,
                source=types.GenerateVideosSource(prompt=PROMPT),
                config=types.GenerateVideosConfig(reference_images=references, duration_seconds=8, aspect_ratio="16:9"),
            )
            deadline = time.monotonic() + POLL_DEADLINE
            polls = 0
            while not operation.done:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"operation {operation.name} not done after {POLL_DEADLINE:.0f} s")
                time.sleep(poll_interval)
                operation = client.operations.get(operation)
                polls += 1
            if operation.error:
                raise RuntimeError(f"operation ended with error {operation.error}")
            videos = (operation.response.generated_videos if operation.response else None) or []
            if len(videos) != 1:
                raise RuntimeError(f"expected 1 video, got {len(videos)}")
            data = client.files.download(file=videos[0].video)
            if not data or data[4:8] != b"ftyp":
                raise RuntimeError("the download is not an MP4")
            path = os.path.join(out, f"job-{job}.mp4")
            with open(path, "wb") as handle:
                handle.write(data)
            print(f"sdk job {job}: {operation.name}, {polls} polls, {len(data)} bytes, {time.monotonic() - started:.2f} s")
        except Exception as error:  # noqa: BLE001 - every failure is reported, then counted
            failures += 1
            print(f"sdk job {job}: FAILED {type(error).__name__}: {error}")
        sys.stdout.flush()
    return 0 if failures == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--ref", action="append", default=[])
    parser.add_argument("--out", default="sdk-out")
    parser.add_argument("--poll-interval", type=float, default=0.05)
    parser.add_argument("--make-pngs")
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--bytes", type=int, default=1_048_576)
    args = parser.parse_args()
    if args.make_pngs:
        return make_pngs(args.make_pngs, args.count, args.bytes)
    if not args.url or not args.ref:
        parser.error("BASE_URL and at least one --ref are required")
    return run_jobs(args.url.rstrip("/"), args.jobs, args.ref, args.out, args.poll_interval)


if __name__ == "__main__":
    sys.exit(main())
