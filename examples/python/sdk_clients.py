"""Python clients through the Tokligence server: the official OpenAI and Anthropic SDKs.

Run the gateway (`npx tokligence serve`, or the Compose stack), then:

    pip install openai anthropic
    TOKLIGENCE_URL=http://127.0.0.1:8081 TOKLIGENCE_KEY=any python examples/python/sdk_clients.py [model]

Any model the gateway routes works with either SDK: the gateway translates between the dialects
(an Anthropic SDK call can go to an OpenAI model and the other way round). Without provider keys the
gateway answers with its offline mock, so this runs anywhere.
"""

import os
import sys

import anthropic
import openai

BASE = os.environ.get("TOKLIGENCE_URL", "http://127.0.0.1:8081")
KEY = os.environ.get("TOKLIGENCE_KEY", "any")  # a key from `tokligence apikey create` when auth is on
MODEL = sys.argv[1] if len(sys.argv) > 1 else "mock-1"

# OpenAI SDK: chat completions, plain and streamed.
oa = openai.OpenAI(base_url=f"{BASE}/v1", api_key=KEY)
chat = oa.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Say hello from the OpenAI SDK"}])
print("openai chat:", chat.choices[0].message.content)
streamed = "".join(
    chunk.choices[0].delta.content or ""
    for chunk in oa.chat.completions.create(model=MODEL, stream=True, messages=[{"role": "user", "content": "Stream a hello"}])
    if chunk.choices
)
print("openai stream:", streamed)

# OpenAI SDK: the Responses API.
response = oa.responses.create(model=MODEL, input="Say hello from the Responses API")
print("openai responses:", response.output_text)

# Anthropic SDK: messages, plain and streamed.
an = anthropic.Anthropic(base_url=BASE, api_key=KEY)
message = an.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Say hello from the Anthropic SDK"}])
print("anthropic messages:", message.content[0].text)
with an.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Stream a hello"}]) as stream:
    print("anthropic stream:", "".join(stream.text_stream))

# Errors come back in each SDK's own shape.
try:
    oa.chat.completions.create(model="no-such-provider/model", messages=[{"role": "user", "content": "hi"}])
except openai.APIStatusError as err:
    print("openai error:", err.status_code)
