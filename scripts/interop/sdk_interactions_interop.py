#!/usr/bin/env python3
"""Drive the emulator's interactions profile (Gemini Omni) with Google's own Python SDK, google-genai 3.4.0, unmodified.

Usage: sdk_interactions_interop.py [BASE_URL]   (or set VEO_EMULATOR_URL)

Runs, with one client on v1beta (HttpOptions(api_version="v1beta")) and one on the SDK's default v1:
text to video in the background with uri delivery (poll with interactions.get, wait for the file to be
ACTIVE with files.get, then files.download), a blocking call with the video inline, image to video with
one and with two images, reference to video (an inline image, an uploaded image and an uploaded video),
a video uploaded with files.upload then extended and edited, a second turn with previous_interaction_id
(and a wrong id refused), cancel then delete, a streamed call (Server-Sent Events), and the
generateContent refusal. Prints one line per case
and a final "N passed, M failed" line; exits non-zero on any failure.
"""

import base64
import os
import sys
import tempfile
import time

# interop_common sits beside this script: found from any working directory, and no __pycache__ left in the tree.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
from interop_common import base_url, is_mp4, report  # noqa: E402
from interop_images import png  # noqa: E402

from google import genai  # noqa: E402 - importable once interop_common has checked google-genai
from google.genai import types  # noqa: E402

MODEL = "gemini-omni-1.1-flash"
POLL_INTERVAL = 0.2
POLL_DEADLINE = 120.0


def b64_png(rgb):
    """A 64x36 solid-colour PNG as base64 text, for an image content block."""
    return base64.b64encode(png(64, 36, rgb)).decode("ascii")


def video_bytes(interaction):
    """The MP4 of an interaction's output_video (inline base64 data)."""
    video = interaction.output_video
    if video is None:
        raise AssertionError(f"interaction {interaction.id} ({interaction.status}) has no output video")
    data = video.data
    raw = base64.b64decode(data) if isinstance(data, str) else bytes(data or b"")
    if not is_mp4(raw):
        raise AssertionError(f"the inline video is not an MP4 (first bytes {raw[:12]!r})")
    return raw


def wait(client, interaction):
    """Poll with interactions.get until the status is terminal (bounded)."""
    deadline = time.monotonic() + POLL_DEADLINE
    while interaction.status in ("in_progress", "queued"):
        if time.monotonic() > deadline:
            raise AssertionError(f"interaction {interaction.id} still {interaction.status} after {POLL_DEADLINE:.0f} s")
        time.sleep(POLL_INTERVAL)
        interaction = client.interactions.get(id=interaction.id)
    return interaction


def expect_error(call, status, text):
    """Run call(), which must raise an error with HTTP status `status` whose text contains `text`."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the SDK raises a different class per operation
        code = getattr(error, "status_code", None) or getattr(error, "code", None)
        detail = f"{error} {getattr(error, 'body', '')}"
        if code != status or text not in detail:
            raise AssertionError(f"expected {status} with {text!r}, got {code}: {detail[:300]}") from error
        return
    raise AssertionError(f"expected an error {status}, the call succeeded")


def main():
    url = base_url("sdk_interactions_interop.py")
    if url is None:
        return 2
    beta = genai.Client(api_key="test-key", http_options=types.HttpOptions(base_url=url, api_version="v1beta"))
    # Its own key: the emulator's quota (--rpm, 10 by default) counts creates per key and model.
    default = genai.Client(api_key="test-key-v1", http_options=types.HttpOptions(base_url=url))
    workdir = tempfile.mkdtemp(prefix="interactions-interop-")
    state = {}

    def upload(client, data, suffix, mime_type):
        path = os.path.join(workdir, f"upload-{len(os.listdir(workdir))}{suffix}")
        with open(path, "wb") as handle:
            handle.write(data)
        file = client.files.upload(file=path, config=types.UploadFileConfig(mime_type=mime_type))
        if file.state is not None and str(file.state).split(".")[-1] != "ACTIVE":
            raise AssertionError(f"uploaded file {file.name} is {file.state}")
        return file

    def background_uri():
        created = beta.interactions.create(
            model=MODEL,
            input="A red ball rolls across a white table. Continuous shot.",
            generation_config={"video_config": {"task": "text_to_video"}},
            response_format={"type": "video", "aspect_ratio": "9:16", "duration": "6s", "resolution": "720p", "delivery": "uri"},
            background=True,
        )
        if created.status != "in_progress" or not created.id.startswith("v1_"):
            raise AssertionError(f"background create answered {created.status} {created.id}")
        done = wait(beta, created)
        if done.status != "completed" or done.output_video is None or not done.output_video.uri:
            raise AssertionError(f"expected a completed interaction with a uri, got {done.status}")
        name = "files/" + done.output_video.uri.split("/files/")[1].split(":")[0]
        deadline = time.monotonic() + POLL_DEADLINE
        while str(beta.files.get(name=name).state).split(".")[-1] != "ACTIVE":
            if time.monotonic() > deadline:
                raise AssertionError(f"{name} never became ACTIVE")
            time.sleep(POLL_INTERVAL)
        data = beta.files.download(file=done.output_video.uri)
        if not is_mp4(data):
            raise AssertionError(f"the download is not an MP4 (first bytes {bytes(data)[:12]!r})")
        return [len(data)]

    def blocking_inline():
        done = default.interactions.create(model=MODEL, input="A marble rolling on a track.")
        if done.status != "completed":
            raise AssertionError(f"a blocking call answered {done.status}")
        data = video_bytes(done)
        state["video"] = data
        state["first_id"] = done.id
        return [len(data)]

    def image_to_video(count):
        def run():
            content = [{"type": "text", "text": "<FIRST_FRAME> ... <LAST_FRAME> The camera circles the bench."}]
            for rgb in ((200, 40, 40), (40, 60, 200))[:count]:
                content.append({"type": "image", "mime_type": "image/png", "data": b64_png(rgb)})
            done = beta.interactions.create(
                model=MODEL, input=content, generation_config={"video_config": {"task": "image_to_video"}},
                response_format={"type": "video", "duration": "5s"},
            )
            return [len(video_bytes(done))]
        return run

    def reference_to_video():
        image = upload(beta, png(64, 36, (240, 200, 40)), ".png", "image/png")
        clip = upload(beta, state.get("video") or b"", ".mp4", "video/mp4")
        done = beta.interactions.create(
            model=MODEL,
            input=[
                {"type": "text", "text": "A robot <IMAGE_REF_0> does the moves of <VIDEO_REF_0>."},
                {"type": "image", "mime_type": "image/png", "data": b64_png((30, 200, 30))},
                {"type": "image", "mime_type": "image/png", "uri": image.uri},
                {"type": "video", "mime_type": "video/mp4", "uri": clip.uri},
            ],
            generation_config={"video_config": {"task": "reference_to_video"}},
        )
        return [len(video_bytes(done))]

    def upload_extend_edit():
        if "video" not in state:
            raise AssertionError("the blocking case did not produce a video to upload")
        file = upload(default, state["video"], ".mp4", "video/mp4")
        sizes = []
        for task, text in (("extend", "The dog runs into the office and barks for a treat."), ("edit", "Make it night.")):
            done = default.interactions.create(
                model=MODEL,
                input=[{"type": "text", "text": text}, {"type": "video", "mime_type": "video/mp4", "uri": file.uri}],
                generation_config={"video_config": {"task": task}},
                response_format={"type": "video", "duration": "5s"},
            )
            sizes.append(len(video_bytes(done)))
        return sizes

    def multi_turn():
        first = state.get("first_id")
        if first is None:
            raise AssertionError("the blocking case did not produce an interaction to continue")
        second = default.interactions.create(
            model=MODEL, previous_interaction_id=first, input="Make the cat ginger. Keep everything else the same.",
            generation_config={"video_config": {"task": "edit"}},
        )
        if second.previous_interaction_id != first:
            raise AssertionError(f"previous_interaction_id is {second.previous_interaction_id}")
        size = len(video_bytes(second))
        expect_error(
            lambda: default.interactions.create(model=MODEL, previous_interaction_id="v1_doesNotExist000000000000", input="Again."),
            404, "was not found",
        )
        return [size]

    def cancel_delete():
        created = beta.interactions.create(model=MODEL, input="Long job.", background=True)
        cancelled = beta.interactions.cancel(id=created.id)
        if cancelled.status != "cancelled":
            raise AssertionError(f"cancel answered {cancelled.status}")
        beta.interactions.delete(id=created.id)
        expect_error(lambda: beta.interactions.get(id=created.id), 404, "Requested entity was not found.")
        return []

    def streamed():
        events = list(beta.interactions.create(model=MODEL, input="A kite in the wind.", stream=True))
        kinds = [getattr(event, "event_type", None) for event in events]
        if kinds[:2] != ["interaction.created", "interaction.status_update"] or kinds[-1] != "interaction.completed":
            raise AssertionError(f"unexpected events {kinds}")
        delta = next((event.delta for event in events if getattr(event, "event_type", None) == "step.delta"), None)
        if delta is None:
            raise AssertionError(f"no step.delta in {kinds}")
        raw = base64.b64decode(delta.data) if isinstance(delta.data, str) else bytes(delta.data or b"")
        if not is_mp4(raw):
            raise AssertionError(f"the streamed video is not an MP4 (first bytes {raw[:12]!r})")
        return [len(raw)]

    def generate_content_refused():
        expect_error(
            lambda: default.models.generate_content(model=MODEL, contents="a cat"), 400,
            "This model only supports Interactions API.",
        )
        return []

    return report([
        ("text to video, background, uri delivery, files.download (v1beta)", background_uri),
        ("text to video, blocking, inline (v1)", blocking_inline),
        ("image to video, one image", image_to_video(1)),
        ("image to video, first and last frame", image_to_video(2)),
        ("reference to video: inline image, uploaded image and video", reference_to_video),
        ("files.upload, then extend and edit (v1)", upload_extend_edit),
        ("second turn with previous_interaction_id; a wrong id refused", multi_turn),
        ("cancel, then delete", cancel_delete),
        ("stream=True: events with the video as a step delta", streamed),
        ("generateContent on an Omni model refused", generate_content_refused),
    ], label="interactions")


if __name__ == "__main__":
    sys.exit(main())
