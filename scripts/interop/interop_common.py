"""What the SDK interop scripts share: a PNG maker, a Session that submits with google-genai and checks
the videos (bounded polling with client.operations.get), the modes both profiles run, and the report.

Imported by sdk_gemini_interop.py and sdk_vertex_interop.py, which sit in the same folder.
"""

import os
import sys
import time
import traceback

from interop_images import png

try:
    from google.genai import types
except ImportError as error:  # pragma: no cover - reported by the runner script too
    print(f"google-genai is not importable ({error}); install it with: pip install google-genai==2.34.0")
    sys.exit(2)

POLL_INTERVAL = 0.2
POLL_DEADLINE = 120.0




def image(rgb):
    """A 64x36 solid-colour PNG as an SDK image with bytes."""
    return types.Image(image_bytes=png(64, 36, rgb), mime_type="image/png")


def is_mp4(data):
    """Whether the bytes start like an MP4 (an `ftyp` box)."""
    return bool(data) and len(data) >= 12 and data[4:8] == b"ftyp"


def base_url(script):
    """The emulator URL from the command line or VEO_EMULATOR_URL, without a trailing slash; None after
    printing the usage line when there is none."""
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("VEO_EMULATOR_URL")
    if not url:
        print(f"usage: {script} BASE_URL (or set VEO_EMULATOR_URL)")
        return None
    return url.rstrip("/")


class Session:
    """One SDK client and model: submits generate_videos requests and checks what they produce.

    fetch(video) returns the bytes of one generated video, the way the profile hands them out.
    """

    def __init__(self, client, model, fetch):
        self.client = client
        self.model = model
        self.fetch = fetch

    def submit(self, prompt, config=None, **source):
        """client.models.generate_videos with a GenerateVideosSource of prompt plus source (image=, video=)."""
        return self.client.models.generate_videos(
            model=self.model, source=types.GenerateVideosSource(prompt=prompt, **source), config=config
        )

    def wait(self, operation):
        """Poll with client.operations.get until done (bounded)."""
        deadline = time.monotonic() + POLL_DEADLINE
        polls = 0
        while not operation.done:
            if time.monotonic() > deadline:
                raise AssertionError(f"operation {operation.name} not done after {POLL_DEADLINE:.0f} s ({polls} polls)")
            time.sleep(POLL_INTERVAL)
            operation = self.client.operations.get(operation)
            polls += 1
        return operation

    def finish(self, operation, expected_videos=1):
        """Wait, check the operation made expected_videos videos and that each is an MP4; returns the
        generated videos and their sizes in bytes."""
        operation = self.wait(operation)
        if operation.error:
            raise AssertionError(f"operation ended with error {operation.error}")
        videos = (operation.response.generated_videos if operation.response else None) or []
        if len(videos) != expected_videos:
            raise AssertionError(f"expected {expected_videos} video(s), got {len(videos)}")
        sizes = []
        for generated in videos:
            data = self.fetch(generated.video)
            if not is_mp4(data):
                raise AssertionError(f"video is not an MP4 (first bytes {bytes(data or b'')[:12]!r})")
            sizes.append(len(data))
        return videos, sizes

    def generate(self, prompt, config=None, **source):
        """Submit and finish a request for one video; returns its size in a list."""
        return self.finish(self.submit(prompt, config, **source))[1]


def image_to_video(session):
    """Image to video, the first frame as bytes."""
    return session.generate("The bridge in a storm", image=image((200, 40, 40)))


def first_and_last_frame(session):
    """A first frame as bytes and config.last_frame."""
    return session.generate(
        "A man turns into a dog",
        image=image((40, 160, 60)),
        config=types.GenerateVideosConfig(last_frame=image((40, 60, 200))),
    )


def reference_images(session):
    """Three asset reference images, 8 s, 16:9."""
    references = [
        types.VideoGenerationReferenceImage(image=image(rgb), reference_type="asset")
        for rgb in ((220, 30, 30), (30, 30, 220), (240, 200, 40))
    ]
    return session.generate(
        "A woman in a red dress walks her dog past a blue car",
        config=types.GenerateVideosConfig(reference_images=references, duration_seconds=8, aspect_ratio="16:9"),
    )


def report(cases, label=""):
    """Run each (name, run) case, where run() returns the video sizes (empty for an expected error);
    prints a PASS or FAIL line each and a final "N passed, M failed" line; returns the exit status."""
    prefix = f"{label} " if label else ""
    passed = failed = 0
    for name, run in cases:
        started = time.monotonic()
        try:
            sizes = run()
            passed += 1
            detail = f"{len(sizes)} video(s), {', '.join(str(s) for s in sizes)} bytes" if sizes else "error as expected"
            print(f"PASS {prefix}{name}: {detail}, {time.monotonic() - started:.2f} s")
        except Exception as error:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f"FAIL {prefix}{name}: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
        sys.stdout.flush()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1
