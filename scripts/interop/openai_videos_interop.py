"""Drives the emulator's openai-relay profile with the `openai` Python package's Videos API:
create → retrieve until completed → download_content, with and without an input_reference,
create_and_poll, a filtered (failed) video, and the errors the package raises.

Usage: python openai_videos_interop.py URL     (URL as printed by `veo-studio emulator`)
Prints a PASS or FAIL line per case and "N passed, M failed"; exits 1 on any failure.
"""

import sys
import time
import traceback

from interop_images import png
import warnings

try:
    import openai
except ImportError as error:  # pragma: no cover - reported to the runner
    print(f"openai is not importable ({error}); install it with: pip install -r requirements.txt")
    sys.exit(2)

# The package warns that OpenAI's own video models are retired; the relay serves Veo.
warnings.filterwarnings("ignore", message="The Sora API")

MODEL = "veo-3.1-fast-generate-preview"
POLL_INTERVAL = 0.2
POLL_DEADLINE = 120.0




def is_mp4(data):
    return len(data) > 8 and data[4:8] == b"ftyp"


def wait(client, video):
    """Retrieves until the video leaves queued/in_progress, within a deadline."""
    deadline = time.monotonic() + POLL_DEADLINE
    while video.status in ("queued", "in_progress"):
        if time.monotonic() > deadline:
            raise AssertionError(f"video {video.id} still {video.status} after {POLL_DEADLINE} s")
        time.sleep(POLL_INTERVAL)
        video = client.videos.retrieve(video.id)
    return video


def download(client, video):
    assert video.status == "completed", f"status {video.status}, error {video.error}"
    assert video.progress == 100, f"progress {video.progress}"
    content = client.videos.download_content(video.id, variant="video")
    data = content.read()
    assert is_mp4(data), f"{len(data)} bytes, not an MP4"
    return [len(data)]


def text_to_video(client):
    video = client.videos.create(model=MODEL, prompt="A cat playing piano", seconds="4", size="1280x720")
    assert video.object == "video" and video.status == "queued", video
    assert video.seconds == "4" and video.size == "1280x720", video
    return download(client, wait(client, video))


def image_to_video(client):
    first = ("first.png", png(64, 36, (200, 40, 40)), "image/png")
    video = client.videos.create(model=MODEL, prompt="It starts to rain", input_reference=first, size="720x1280", seconds="8")
    done = wait(client, video)
    assert done.size == "720x1280", done.size
    return download(client, done)


def create_and_poll(client):
    video = client.videos.create_and_poll(model="veo-3.1-generate-preview", prompt="A slow pan", poll_interval_ms=200)
    return download(client, video)


def filtered(client):
    video = wait(client, client.videos.create(model=MODEL, prompt="p [[rai]]"))
    assert video.status == "failed", video.status
    assert video.error is not None and video.error.code == "moderation_blocked", video.error
    assert "Support codes" in video.error.message, video.error.message
    return []


def bad_seconds(client):
    try:
        client.videos.create(model=MODEL, prompt="p", seconds="12")
    except openai.BadRequestError as error:
        assert "'12'" in str(error), str(error)
        return []
    raise AssertionError("seconds=12 was accepted")


def unknown_video(client):
    try:
        client.videos.retrieve("task_does_not_exist")
    except openai.NotFoundError:
        return []
    raise AssertionError("an unknown id was found")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    base = sys.argv[1].rstrip("/")
    client = openai.OpenAI(base_url=f"{base}/v1", api_key="interop-key", max_retries=0, timeout=60)
    cases = [
        ("text to video", text_to_video),
        ("image to video (input_reference)", image_to_video),
        ("create_and_poll", create_and_poll),
        ("filtered video is failed", filtered),
        ("seconds=12 is refused", bad_seconds),
        ("unknown id is 404", unknown_video),
    ]
    passed = failed = 0
    for name, run in cases:
        started = time.monotonic()
        try:
            sizes = run(client)
            passed += 1
            detail = f"{len(sizes)} video(s), {', '.join(str(s) for s in sizes)} bytes" if sizes else "error as expected"
            print(f"PASS openai {name}: {detail}, {time.monotonic() - started:.2f} s")
        except Exception as error:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f"FAIL openai {name}: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
    print(f"openai (openai {openai.__version__}): {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
