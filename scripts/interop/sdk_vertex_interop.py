#!/usr/bin/env python3
"""Drive the Veo emulator's Vertex AI profile with Google's own Python SDK (google-genai), unmodified.

Usage: sdk_vertex_interop.py [BASE_URL]                  (or set VEO_EMULATOR_URL)
       sdk_vertex_interop.py --make-service-account FILE  (write a fresh service-account key file)

Uses genai.Client(vertexai=True, project="my-project", location="us-central1",
credentials=Credentials(token=...), http_options=HttpOptions(base_url=URL)) for: text to video
(inline bytes), text to video into output_gcs_uri with 4 videos, image to video with bytes and with
a gcs_uri image uploaded first, first + last frame, three asset reference images, extension of a
gs:// output and of bytes, and sampleCount 6 (an operation error). Polls with
client.operations.get in a bounded loop; checks every video is an MP4 (video_bytes, or fetched
through the emulator's Cloud Storage JSON API for a gs:// URI). When VEO_SERVICE_ACCOUNT_FILE
names a key file the emulator was started with (--service-account-key), one more case gets its
access token from the emulator's POST /token through google-auth's service-account flow.
Prints one line per case and a final "N passed, M failed" line; exits non-zero on any failure.
"""

import json
import os
import struct
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import zlib

try:
    import google.oauth2.credentials
    from google import genai
    from google.genai import types
except ImportError as error:  # pragma: no cover - reported by the runner script too
    print(f"google-genai is not importable ({error}); install it with: pip install google-genai==2.34.0")
    sys.exit(2)

MODEL = "veo-3.1-generate-001"
PROJECT = "my-project"
LOCATION = "us-central1"
TOKEN = "interop-token"
BUCKET = "interop-bucket"
SCOPE = "https://www.googleapis.com/auth/cloud-platform"
POLL_INTERVAL = 0.2
POLL_DEADLINE = 120.0
SAMPLE_COUNT_ERROR = "Invalid sample count 6. The sample count should be in the range of [1, 4]."


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


def is_mp4(data):
    return bool(data) and len(data) >= 12 and data[4:8] == b"ftyp"


class Storage:
    """The emulator's Cloud Storage JSON API subset, over urllib."""

    def __init__(self, base_url, token):
        self.base_url = base_url.rstrip("/")
        self.token = token

    def _request(self, url, data=None, content_type=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.read()

    def upload(self, uri, data, content_type):
        bucket, name = split_gcs_uri(uri)
        query = urllib.parse.urlencode({"uploadType": "media", "name": name})
        url = f"{self.base_url}/upload/storage/v1/b/{bucket}/o?{query}"
        metadata = json.loads(self._request(url, data=data, content_type=content_type))
        if metadata.get("name") != name or metadata.get("size") != str(len(data)):
            raise AssertionError(f"upload of {uri} answered {metadata}")

    def download(self, uri):
        bucket, name = split_gcs_uri(uri)
        url = f"{self.base_url}/storage/v1/b/{bucket}/o/{urllib.parse.quote(name, safe='')}?alt=media"
        return self._request(url)


def split_gcs_uri(uri):
    if not uri.startswith("gs://") or "/" not in uri[5:]:
        raise AssertionError(f"not a gs:// object URI: {uri}")
    bucket, name = uri[5:].split("/", 1)
    return bucket, name


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


def finish(client, storage, operation, expected_videos):
    """Wait, check the result, and check every video is an MP4 (bytes inline or fetched from gs://)."""
    operation = wait(client, operation)
    if operation.error:
        raise AssertionError(f"operation ended with error {operation.error}")
    videos = (operation.response.generated_videos if operation.response else None) or []
    if len(videos) != expected_videos:
        raise AssertionError(f"expected {expected_videos} video(s), got {len(videos)}")
    sizes = []
    for generated in videos:
        video = generated.video
        if video.uri:
            if video.video_bytes:
                raise AssertionError("a gs:// video also carried bytes")
            data = storage.download(video.uri)
        else:
            data = video.video_bytes
        if not is_mp4(data):
            raise AssertionError(f"video is not an MP4 (first bytes {bytes(data or b'')[:12]!r})")
        if video.mime_type != "video/mp4":
            raise AssertionError(f"mime type {video.mime_type!r}")
        sizes.append(len(data))
    return operation, videos, sizes


def make_client(base_url, credentials):
    return genai.Client(
        vertexai=True,
        project=PROJECT,
        location=LOCATION,
        credentials=credentials,
        http_options=types.HttpOptions(base_url=base_url),
    )


def make_service_account(path):
    """Write a fresh RSA service-account key file (token_uri is set when the URL is known)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    info = {
        "type": "service_account",
        "project_id": PROJECT,
        "private_key_id": "interop-key-1",
        "private_key": pem,
        "client_email": f"interop@{PROJECT}.iam.gserviceaccount.com",
        "client_id": "1",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(info, handle)
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--make-service-account":
        return make_service_account(sys.argv[2])
    base_url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("VEO_EMULATOR_URL")
    if not base_url:
        print("usage: sdk_vertex_interop.py BASE_URL (or set VEO_EMULATOR_URL)")
        return 2
    base_url = base_url.rstrip("/")
    client = make_client(base_url, google.oauth2.credentials.Credentials(token=TOKEN))
    storage = Storage(base_url, TOKEN)
    output = f"gs://{BUCKET}/veo-out/"
    state = {}

    def text_to_video_inline():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="A neon hologram of a cat driving at top speed"),
        )
        _, videos, sizes = finish(client, storage, operation, 1)
        if videos[0].video.uri:
            raise AssertionError("expected inline bytes without output_gcs_uri")
        state["inline_video"] = videos[0].video.video_bytes
        return sizes

    def text_to_video_gcs_four():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="Four takes"),
            config=types.GenerateVideosConfig(output_gcs_uri=output, number_of_videos=4),
        )
        _, videos, sizes = finish(client, storage, operation, 4)
        uris = [generated.video.uri for generated in videos]
        if not all(uri.startswith(output) and uri.endswith(f"/sample_{index}.mp4") for index, uri in enumerate(uris)):
            raise AssertionError(f"unexpected output URIs {uris}")
        state["gcs_video"] = uris[0]
        return sizes

    def image_to_video_bytes():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="The bridge in a storm", image=image((200, 40, 40))),
        )
        return finish(client, storage, operation, 1)[2]

    def image_to_video_gcs():
        uri = f"gs://{BUCKET}/inputs/first.png"
        storage.upload(uri, png(64, 36, (40, 160, 60)), "image/png")
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(
                prompt="The bridge in a storm", image=types.Image(gcs_uri=uri, mime_type="image/png")
            ),
        )
        return finish(client, storage, operation, 1)[2]

    def first_and_last_frame():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="A man turns into a dog", image=image((40, 160, 60))),
            config=types.GenerateVideosConfig(last_frame=image((40, 60, 200))),
        )
        return finish(client, storage, operation, 1)[2]

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
        return finish(client, storage, operation, 1)[2]

    def extension_from_gcs():
        uri = state.get("gcs_video")
        if uri is None:
            raise AssertionError("the gs:// case did not produce a video to extend")
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(
                prompt="The cat drives off a ramp and flies", video=types.Video(uri=uri, mime_type="video/mp4")
            ),
            config=types.GenerateVideosConfig(output_gcs_uri=output),
        )
        return finish(client, storage, operation, 1)[2]

    def extension_from_bytes():
        data = state.get("inline_video")
        if data is None:
            raise AssertionError("the inline case did not produce a video to extend")
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(
                prompt="continue", video=types.Video(video_bytes=data, mime_type="video/mp4")
            ),
        )
        return finish(client, storage, operation, 1)[2]

    def sample_count_error():
        operation = client.models.generate_videos(
            model=MODEL,
            source=types.GenerateVideosSource(prompt="Six takes"),
            config=types.GenerateVideosConfig(number_of_videos=6),
        )
        operation = wait(client, operation)
        error = operation.error or {}
        if error.get("code") != 3 or error.get("message") != SAMPLE_COUNT_ERROR:
            raise AssertionError(f"expected error code 3 {SAMPLE_COUNT_ERROR!r}, got {operation.error}")
        if operation.response is not None:
            raise AssertionError("a failed operation carried a response")
        return []

    def service_account_token():
        import google.oauth2.service_account

        with open(os.environ["VEO_SERVICE_ACCOUNT_FILE"], encoding="utf-8") as handle:
            info = json.load(handle)
        info["token_uri"] = f"{base_url}/token"
        credentials = google.oauth2.service_account.Credentials.from_service_account_info(info, scopes=[SCOPE])
        account_client = make_client(base_url, credentials)
        operation = account_client.models.generate_videos(
            model=MODEL, source=types.GenerateVideosSource(prompt="Signed in with a service account")
        )
        if not credentials.token or not credentials.valid:
            raise AssertionError("google-auth holds no valid token from POST /token")
        return finish(account_client, Storage(base_url, credentials.token), operation, 1)[2]

    cases = [
        ("text to video, inline bytes", text_to_video_inline),
        ("text to video to output_gcs_uri, 4 videos", text_to_video_gcs_four),
        ("image to video, bytes", image_to_video_bytes),
        ("image to video, gcs_uri uploaded first", image_to_video_gcs),
        ("first + last frame", first_and_last_frame),
        ("reference images (3 assets, 8 s, 16:9)", reference_images),
        ("extension of a gs:// output", extension_from_gcs),
        ("extension of bytes", extension_from_bytes),
        ("sampleCount 6 ends with operation.error code 3", sample_count_error),
    ]
    if os.environ.get("VEO_SERVICE_ACCOUNT_FILE"):
        cases.append(("service-account token from POST /token", service_account_token))
    passed = failed = 0
    for name, run in cases:
        started = time.monotonic()
        try:
            sizes = run()
            passed += 1
            detail = f"{len(sizes)} video(s), {', '.join(str(s) for s in sizes)} bytes" if sizes else "error as expected"
            print(f"PASS vertex {name}: {detail}, {time.monotonic() - started:.2f} s")
        except Exception as error:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f"FAIL vertex {name}: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
        sys.stdout.flush()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
