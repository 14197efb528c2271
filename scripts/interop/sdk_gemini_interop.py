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
import sys

# interop_common sits beside this script: found from any working directory, and no __pycache__ left in the tree.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
from interop_common import Session, base_url, first_and_last_frame, image_to_video, reference_images, report  # noqa: E402

from google import genai  # noqa: E402 - importable once interop_common has checked google-genai
from google.genai import types  # noqa: E402

MODEL = "veo-3.1-generate-preview"


def main():
    url = base_url("sdk_gemini_interop.py")
    if url is None:
        return 2
    client = genai.Client(
        api_key="test-key",
        http_options=types.HttpOptions(base_url=url, api_version="v1beta"),
    )
    session = Session(client, MODEL, lambda video: client.files.download(file=video))
    state = {}

    def text_to_video():
        operation = session.submit("A neon hologram of a cat driving at top speed")
        videos, sizes = session.finish(operation)
        state["first_video"] = videos[0].video
        return sizes

    def extension():
        video = state.get("first_video")
        if video is None:
            raise AssertionError("text to video did not produce a video to extend")
        return session.generate("The cat drives off a ramp and flies", video=video)

    return report([
        ("text to video", text_to_video),
        ("image to video (first frame)", lambda: image_to_video(session)),
        ("first + last frame", lambda: first_and_last_frame(session)),
        ("reference images (3 assets, 8 s, 16:9)", lambda: reference_images(session)),
        ("extension of the first result", extension),
    ])


if __name__ == "__main__":
    sys.exit(main())
