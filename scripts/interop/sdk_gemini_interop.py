#!/usr/bin/env python3
"""Drive the Veo emulator with Google's own Python SDK (google-genai), unmodified.

Usage: sdk_gemini_interop.py [BASE_URL]   (or set VEO_EMULATOR_URL)

Runs five modes against the emulator's Gemini API profile -- text to video, image to video
(first frame), first + last frame, reference images (3 assets, 8 s, 16:9), and extension of
the first result -- polling with client.operations.get until done and downloading with
client.files.download. Prints one line per mode and a final "N passed, M failed" line;
exits non-zero on any failure.
"""

import os
import struct
import sys
import time
import traceback
import zlib

try:
    from google import genai
    from google.genai import types
except ImportError as error:  # pragma: no cover - reported by the runner script too
    print(f"google-genai is not importable ({error}); install it with: pip install google-genai==2.34.0")
    sys.exit(2)

MODEL = "veo-3.1-generate-preview"
POLL_INTERVAL = 0.2
POLL_DEADLINE = 120.0


def png(width, height, rgb):
    """A solid-colour PNG made with the standard library."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def image(rgb):
    return types.Image(image_bytes=png(64, 36, rgb), mime_type="image/png")


def wait(client, operation):
    """Poll with client.operations.get until done (bounded)."""
    deadline = time.monotonic() + POLL_DEADLINE
    polls = 0
    while not operation.done:
        if time.monotonic() > deadline:
            raise AssertionError(f"operation {operation.name} not done after {POLL_DEADLINE:.0f} s ({polls} polls)")
        time.sleep(POLL_INTERVAL)
        operation = client.operations.get(operation)
        polls += 1
    return operation


def finish(client, operation, expected_videos):
    """Wait, check the result, download every video and check it looks like an MP4."""
    operation = wait(client, operation)
    if operation.error:
        raise AssertionError(f"operation ended with error {operation.error}")
    videos = (operation.response.generated_videos if operation.response else None) or []
    if len(videos) != expected_videos:
        raise AssertionError(f"expected {expected_videos} video(s), got {len(videos)}")
    sizes = []
    for generated in videos:
        data = client.files.download(file=generated.video)
        if not data or len(data) < 12 or data[4:8] != b"ftyp":
            raise AssertionError(f"download is not an MP4 (first bytes {bytes(data or b'')[:12]!r})")
        sizes.append(len(data))
    return operation, videos, sizes


def main():
    base_url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("VEO_EMULATOR_URL")
    if not base_url:
        print("usage: sdk_gemini_interop.py BASE_URL (or set VEO_EMULATOR_URL)")
        return 2
    client = genai.Client(
        api_key="test-key",
        http_options=types.HttpOptions(base_url=base_url, api_version="v1beta"),
    )
    state = {}

    def text_to_video():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="A neon hologram of a cat driving at top speed"),
        )
        _, videos, sizes = finish(client, operation, 1)
        state["first_video"] = videos[0].video
        return sizes

    def image_to_video():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="The bridge in a storm", image=image((200, 40, 40))),
        )
        return finish(client, operation, 1)[2]

    def first_and_last_frame():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="A man turns into a dog", image=image((40, 160, 60))),
            config=types.GenerateVideosConfig(last_frame=image((40, 60, 200))),
        )
        return finish(client, operation, 1)[2]

    def reference_images():
        references = [
            types.VideoGenerationReferenceImage(image=image(rgb), reference_type="asset")
            for rgb in ((220, 30, 30), (30, 30, 220), (240, 200, 40))
        ]
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="A woman in a red dress walks her dog past a blue car"),
            config=types.GenerateVideosConfig(reference_images=references, duration_seconds=8, aspect_ratio="16:9"),
        )
        return finish(client, operation, 1)[2]

    def extension():
        video = state.get("first_video")
        if video is None:
            raise AssertionError("text to video did not produce a video to extend")
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="The cat drives off a ramp and flies", video=video),
        )
        return finish(client, operation, 1)[2]

    modes = [
        ("text to video", text_to_video),
        ("image to video (first frame)", image_to_video),
        ("first + last frame", first_and_last_frame),
        ("reference images (3 assets, 8 s, 16:9)", reference_images),
        ("extension of the first result", extension),
    ]
    passed = failed = 0
    for name, run in modes:
        started = time.monotonic()
        try:
            sizes = run()
            passed += 1
            print(f"PASS {name}: {len(sizes)} video(s), {', '.join(str(s) for s in sizes)} bytes, {time.monotonic() - started:.2f} s")
        except Exception as error:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
        sys.stdout.flush()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
