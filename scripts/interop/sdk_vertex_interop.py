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
access token from the emulator's POST /token through google-auth's service-account flow. Express
mode, genai.Client(vertexai=True, api_key=...) without project or location, makes a text to video
inline with EXPRESS_MODEL and polls it with the same key.
Prints one line per case and a final "N passed, M failed" line; exits non-zero on any failure.
"""

import json
import os
import sys
import urllib.parse
import urllib.request

# interop_common sits beside this script: found from any working directory, and no __pycache__ left in the tree.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
from interop_common import (  # noqa: E402
    Session,
    base_url,
    first_and_last_frame,
    image_to_video,
    png,
    reference_images,
    report,
)

import google.oauth2.credentials  # noqa: E402 - importable once interop_common has checked google-genai
from google import genai  # noqa: E402
from google.genai import types  # noqa: E402

MODEL = "veo-3.1-generate-001"
EXPRESS_MODEL = "veo-3.1-generate-preview"
EXPRESS_KEY = "express-key"
EXPRESS_PREFIX = "projects/123456789012/locations/us-central1/publishers/google/models/"
PROJECT = "my-project"
LOCATION = "us-central1"
TOKEN = "interop-token"
BUCKET = "interop-bucket"
SCOPE = "https://www.googleapis.com/auth/cloud-platform"
SAMPLE_COUNT_ERROR = "Invalid sample count 6. The sample count should be in the range of [1, 4]."


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

    def fetch(self, video):
        """A generated video's bytes: inline, or downloaded from its gs:// URI (then without bytes)."""
        if video.mime_type != "video/mp4":
            raise AssertionError(f"mime type {video.mime_type!r}")
        if not video.uri:
            return video.video_bytes
        if video.video_bytes:
            raise AssertionError("a gs:// video also carried bytes")
        return self.download(video.uri)


def split_gcs_uri(uri):
    if not uri.startswith("gs://") or "/" not in uri[5:]:
        raise AssertionError(f"not a gs:// object URI: {uri}")
    bucket, name = uri[5:].split("/", 1)
    return bucket, name


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
    url = base_url("sdk_vertex_interop.py")
    if url is None:
        return 2
    client = make_client(url, google.oauth2.credentials.Credentials(token=TOKEN))
    storage = Storage(url, TOKEN)
    session = Session(client, MODEL, storage.fetch)
    output = f"gs://{BUCKET}/veo-out/"
    state = {}

    def text_to_video_inline():
        videos, sizes = session.finish(session.submit("A neon hologram of a cat driving at top speed"))
        if videos[0].video.uri:
            raise AssertionError("expected inline bytes without output_gcs_uri")
        state["inline_video"] = videos[0].video.video_bytes
        return sizes

    def text_to_video_gcs_four():
        config = types.GenerateVideosConfig(output_gcs_uri=output, number_of_videos=4)
        videos, sizes = session.finish(session.submit("Four takes", config), 4)
        uris = [generated.video.uri for generated in videos]
        if not all(uri.startswith(output) and uri.endswith(f"/sample_{index}.mp4") for index, uri in enumerate(uris)):
            raise AssertionError(f"unexpected output URIs {uris}")
        state["gcs_video"] = uris[0]
        return sizes

    def image_to_video_gcs():
        uri = f"gs://{BUCKET}/inputs/first.png"
        storage.upload(uri, png(64, 36, (40, 160, 60)), "image/png")
        return session.generate("The bridge in a storm", image=types.Image(gcs_uri=uri, mime_type="image/png"))

    def extension_from_gcs():
        uri = state.get("gcs_video")
        if uri is None:
            raise AssertionError("the gs:// case did not produce a video to extend")
        return session.generate(
            "The cat drives off a ramp and flies",
            types.GenerateVideosConfig(output_gcs_uri=output),
            video=types.Video(uri=uri, mime_type="video/mp4"),
        )

    def extension_from_bytes():
        data = state.get("inline_video")
        if data is None:
            raise AssertionError("the inline case did not produce a video to extend")
        return session.generate("continue", video=types.Video(video_bytes=data, mime_type="video/mp4"))

    def sample_count_error():
        operation = session.wait(session.submit("Six takes", types.GenerateVideosConfig(number_of_videos=6)))
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
        info["token_uri"] = f"{url}/token"
        credentials = google.oauth2.service_account.Credentials.from_service_account_info(info, scopes=[SCOPE])
        account = Session(make_client(url, credentials), MODEL, lambda video: Storage(url, credentials.token).fetch(video))
        operation = account.submit("Signed in with a service account")
        if not credentials.token or not credentials.valid:
            raise AssertionError("google-auth holds no valid token from POST /token")
        return account.finish(operation)[1]

    def express_mode():
        client = genai.Client(vertexai=True, api_key=EXPRESS_KEY, http_options=types.HttpOptions(base_url=url))
        express = Session(client, EXPRESS_MODEL, storage.fetch)
        operation = express.submit("Express mode, a key and no project")
        if not operation.name.startswith(EXPRESS_PREFIX + EXPRESS_MODEL + "/operations/"):
            raise AssertionError(f"unexpected express operation name {operation.name}")
        videos, sizes = express.finish(operation)
        if videos[0].video.uri:
            raise AssertionError("expected inline bytes without output_gcs_uri")
        return sizes

    cases = [
        ("text to video, inline bytes", text_to_video_inline),
        ("text to video to output_gcs_uri, 4 videos", text_to_video_gcs_four),
        ("image to video, bytes", lambda: image_to_video(session)),
        ("image to video, gcs_uri uploaded first", image_to_video_gcs),
        ("first + last frame", lambda: first_and_last_frame(session)),
        ("reference images (3 assets, 8 s, 16:9)", lambda: reference_images(session)),
        ("extension of a gs:// output", extension_from_gcs),
        ("extension of bytes", extension_from_bytes),
        ("sampleCount 6 ends with operation.error code 3", sample_count_error),
        ("express mode (API key, no project), inline bytes", express_mode),
    ]
    if os.environ.get("VEO_SERVICE_ACCOUNT_FILE"):
        cases.append(("service-account token from POST /token", service_account_token))
    else:
        print(
            "SKIP vertex service-account token from POST /token: VEO_SERVICE_ACCOUNT_FILE names no key file "
            "the emulator was started with (--service-account-key); run-sdk-interop.sh makes one"
        )
    return report(cases, "vertex")


if __name__ == "__main__":
    sys.exit(main())
