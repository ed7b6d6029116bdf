"""The benchmarks' lean HTTP client: reads whole answers, and outlives a closed keep-alive."""

from __future__ import annotations

import asyncio

from bench.raw_http import RawClient, prepare


async def _one_answer_per_connection(reader: asyncio.StreamReader,
                                     writer: asyncio.StreamWriter) -> None:
    """Answer one request, then close: as a server does to an idle kept-alive connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length")), 0)
    body = await reader.readexactly(length)
    answer = b"got " + body
    writer.write(b"HTTP/1.1 201 Created\r\ncontent-type: text/plain\r\n"
                 b"content-length: %d\r\n\r\n%s" % (len(answer), answer))
    await writer.drain()
    writer.close()


async def test_a_request_is_answered_again_after_the_server_closed_its_connection() -> None:
    server = await asyncio.start_server(_one_answer_per_connection, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    client = RawClient(url)
    request = prepare(url, "POST", "/slack/events", body=b"hi", headers={"x-a": "1"})

    first = await client.send(request)
    await asyncio.sleep(0.05)  # the server has closed the kept-alive connection by now
    second = await client.send(request)

    await client.aclose()
    server.close()
    await server.wait_closed()
    assert (first, second) == (201, 201)


def test_a_prepared_request_carries_its_length_and_headers() -> None:
    request = prepare("http://127.0.0.1:9", "POST", "/x", body=b"abc", headers={"x-a": "1"})

    assert request == (b"POST /x HTTP/1.1\r\nhost: 127.0.0.1:9\r\ncontent-length: 3\r\n"
                       b"x-a: 1\r\n\r\nabc")
